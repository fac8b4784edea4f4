import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CHAOS = join(ROOT, 'bench', 'chaos.mjs');
const WORKER_MAIN = join(ROOT, 'dist', 'apps', 'worker', 'main.js');

interface Fault {
  kind: string;
  error?: string;
  terminatedConnections?: number;
  flushed?: boolean;
}

interface Sends {
  expected: number;
  delivered: number;
  missing: number;
}

interface ChaosReport {
  smoke: boolean;
  pass: boolean;
  load: { offered: number; accepted: number };
  drain: { drained: boolean };
  verification: {
    events: { accepted: number; withoutVerdict: number; chained: number };
    runs: {
      expected: number;
      found: number;
      terminal: number;
      byStatus: Record<string, number>;
      notCompletedSample: unknown[];
    };
    lost: { total: number };
    duplicated: { internal: number };
    missingEffects: { total: number };
    sends: { slack: Sends; email: Sends };
    approvals: { expected: number };
  };
  recovery: Fault[];
  workers: { unexpectedExits: unknown[] };
}

function runChaos(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHAOS, ...args], {
      cwd: ROOT,
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/**
 * bench/chaos.mjs at smoke size (20 s at 10 events/s): an api and two workers from dist/, a private redis-server,
 * one worker SIGKILL, one flushed Redis restart and one termination of the workers' Postgres connections under
 * load. Nothing may be lost, no internal effect may exist twice, every external send must have happened.
 */
describe('chaos under load (smoke)', () => {
  const out = join(tmpdir(), `chaos-smoke-${process.pid}-${Date.now()}.json`);
  afterAll(() => rmSync(out, { force: true }));

  it('a worker kill, a flushed Redis restart and killed Postgres connections lose and duplicate nothing', async () => {
    if (!existsSync(WORKER_MAIN))
      throw new Error(`No worker build at ${WORKER_MAIN}: run npm run build:server first (npm test does)`);
    const { code, output } = await runChaos(['--smoke', '--out', out]);
    if (code !== 0) throw new Error(`bench/chaos.mjs exited ${code}:\n${output}`);

    const report = JSON.parse(readFileSync(out, 'utf8')) as ChaosReport;
    const v = report.verification;
    expect(report.smoke).toBe(true);
    expect(report.pass).toBe(true);
    expect(report.drain.drained).toBe(true);
    expect(report.load.accepted).toBe(report.load.offered);
    expect(v.events.accepted).toBe(report.load.offered);
    expect(v.events.withoutVerdict).toBe(0);
    expect(v.lost.total).toBe(0);
    expect(v.duplicated.internal).toBe(0);
    expect(v.missingEffects.total).toBe(0);
    expect(v.runs.found).toBe(v.runs.expected);
    // The sample (status, reason, error of up to 10 runs) says why, when a run did not complete.
    expect({ byStatus: v.runs.byStatus, notCompleted: v.runs.notCompletedSample }).toEqual({
      byStatus: { completed: v.runs.expected },
      notCompleted: [],
    });
    expect(v.events.chained).toBeGreaterThan(0);
    expect(v.approvals.expected).toBeGreaterThan(0);
    for (const channel of [v.sends.slack, v.sends.email]) {
      expect(channel.expected).toBeGreaterThan(0);
      expect(channel.missing).toBe(0);
      expect(channel.delivered).toBeGreaterThanOrEqual(channel.expected);
    }

    // Each kind of fault happened, and did what it says.
    expect(report.recovery.map((fault) => fault.kind).sort()).toEqual([
      'pg-terminate',
      'redis-restart-flushed',
      'worker-kill',
    ]);
    expect(report.recovery.filter((fault) => fault.error)).toEqual([]);
    expect(report.recovery.find((fault) => fault.kind === 'pg-terminate')?.terminatedConnections).toBeGreaterThan(0);
    expect(report.workers.unexpectedExits).toEqual([]);
  }, 180_000);
});
