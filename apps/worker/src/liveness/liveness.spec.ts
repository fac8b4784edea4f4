import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LivenessBeat, livenessFileAge, livenessSettingsFromEnv } from './liveness';

describe('worker liveness', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'liveness-'));
    file = join(dir, 'worker-alive');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[NodeJS.ProcessEnv, { file: string; intervalMs: number; maxAgeMs: number }]>([
    [{}, { file: '/tmp/worker-alive', intervalMs: 10_000, maxAgeMs: 30_000 }],
    [
      { WORKER_LIVENESS_FILE: '', WORKER_LIVENESS_SECONDS: '' },
      { file: '/tmp/worker-alive', intervalMs: 10_000, maxAgeMs: 30_000 },
    ],
    [
      { WORKER_LIVENESS_FILE: '/run/alive', WORKER_LIVENESS_SECONDS: '1' },
      { file: '/run/alive', intervalMs: 1000, maxAgeMs: 30_000 },
    ],
    [{ WORKER_LIVENESS_SECONDS: '20' }, { file: '/tmp/worker-alive', intervalMs: 20_000, maxAgeMs: 60_000 }],
  ])('settings from %j', (env, expected) => {
    expect(livenessSettingsFromEnv(env)).toEqual(expected);
  });

  it('refuses a non-positive interval', () => {
    expect(() => livenessSettingsFromEnv({ WORKER_LIVENESS_SECONDS: '0' })).toThrow(
      'WORKER_LIVENESS_SECONDS must be a positive number',
    );
    expect(() => livenessSettingsFromEnv({ WORKER_LIVENESS_SECONDS: 'soon' })).toThrow('WORKER_LIVENESS_SECONDS');
  });

  it('judges the file by its age', () => {
    expect(livenessFileAge(file, 30_000)).toMatchObject({
      fresh: false,
      reason: expect.stringContaining('does not exist'),
    });
    writeFileSync(file, 'x');
    expect(livenessFileAge(file, 30_000).fresh).toBe(true);
    const old = new Date(Date.now() - 31_000);
    utimesSync(file, old, old);
    expect(livenessFileAge(file, 30_000)).toMatchObject({
      fresh: false,
      reason: expect.stringMatching(/is 31 s old \(limit 30 s\)/),
    });
  });

  it('refreshes the file only when every probe answers, and reports each change once', async () => {
    let database: () => Promise<unknown> = async () => 1;
    const changes: [boolean, string][] = [];
    const beat = new LivenessBeat({
      file,
      intervalMs: 60_000,
      timeoutMs: 100,
      probes: [
        { name: 'db', check: () => database() },
        { name: 'redis', check: async () => 'PONG' },
      ],
      onChange: (alive, reason) => changes.push([alive, reason]),
    });
    writeFileSync(file, 'stale');
    await beat.start();
    expect(readFileSync(file, 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT/);

    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    database = async () => {
      throw new Error('connection refused');
    };
    expect(await beat.beat()).toBe(false);
    expect(await beat.beat()).toBe(false);
    expect(statSync(file).mtimeMs).toBeLessThan(Date.now() - 50_000);

    database = () => new Promise(() => undefined); // hangs: the timeout fails the beat
    expect(await beat.beat()).toBe(false);

    database = async () => 1;
    expect(await beat.beat()).toBe(true);
    expect(statSync(file).mtimeMs).toBeGreaterThan(Date.now() - 5_000);
    expect(changes).toEqual([
      [true, 'all probes answered'],
      [false, 'connection refused'],
      [true, 'all probes answered'],
    ]);

    await beat.stop();
    expect(existsSync(file)).toBe(false);
  });

  it('beats on its interval', async () => {
    let count = 0;
    const beat = new LivenessBeat({ file, intervalMs: 20, probes: [{ name: 'count', check: async () => count++ }] });
    await beat.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await beat.stop();
    expect(count).toBeGreaterThanOrEqual(3);
  });
});
