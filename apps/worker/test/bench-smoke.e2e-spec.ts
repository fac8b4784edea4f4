import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const HARNESS = join(ROOT, 'bench', 'run.mjs');
const WORKER_MAIN = join(ROOT, 'dist', 'apps', 'worker', 'main.js');

interface Figure {
  workload: string;
  key: string;
  value: unknown;
}

interface Phase {
  expectedRuns?: number;
  allCompleted?: boolean;
  runsByStatus?: Record<string, number>;
}

interface WorkloadResult {
  workload: string;
  error?: string;
  allRunsCompleted: boolean;
  phases: Record<string, Phase | Phase[]>;
}

function runHarness(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HARNESS, ...args], {
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

/** The benchmark (bench/run.mjs, issue 5) is not part of npm test; this checks that it runs on a tiny N. */
describe('benchmark harness smoke', () => {
  const out = join(tmpdir(), `bench-smoke-${process.pid}-${Date.now()}.json`);
  afterAll(() => rmSync(out, { force: true }));

  it('runs W1 and W4 at smoke sizes: exit 0, every figure a finite number, every run completed', async () => {
    if (!existsSync(WORKER_MAIN))
      throw new Error(`No worker build at ${WORKER_MAIN}: run npm run build:server first (npm test does)`);
    const { code, output } = await runHarness(['--smoke', '--only', 'W1,W4', '--out', out]);
    if (code !== 0) throw new Error(`bench/run.mjs exited ${code}:\n${output}`);
    expect(output).toContain('runs completed/s');

    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      smoke: boolean;
      results: WorkloadResult[];
      figures: Figure[];
      processEnv: Record<string, unknown>;
    };
    expect(report.smoke).toBe(true);
    expect(report.processEnv.DEDUPE_WINDOW_SECONDS).toBe('0');
    expect(report.results.map((result) => result.workload)).toEqual(['W1', 'W4']);

    for (const result of report.results) {
      expect(result.error).toBeUndefined();
      expect(result.allRunsCompleted).toBe(true);
      const phases = Object.values(result.phases).flatMap((phase) => (Array.isArray(phase) ? phase : [phase]));
      expect(phases.length).toBeGreaterThan(0);
      for (const phase of phases) {
        expect(phase.allCompleted).toBe(true);
        expect(phase.runsByStatus).toEqual({ completed: phase.expectedRuns });
      }
    }

    for (const workload of ['W1', 'W4']) {
      const figures = report.figures.filter((figure) => figure.workload === workload);
      expect(figures.length).toBeGreaterThan(5);
      const notFinite = figures.filter((figure) => typeof figure.value !== 'number' || !Number.isFinite(figure.value));
      expect(notFinite).toEqual([]);
    }
    const keys = report.figures.map((figure) => `${figure.workload}:${figure.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'W1:burst.eventsAcceptedPerSecond',
        'W1:burst.runsCompletedPerSecond',
        'W1:burst.firstAction.p99',
        'W1:burst.runCompleted.p99',
        'W1:burst.apiPeakRssMiB',
        'W1:burst.workerPeakRssMiB',
        'W1:burst.apiCpuSeconds',
        'W1:burst.workerCpuSeconds',
        'W1:burst.commitsPerRun',
        'W4:single.eventsAcceptedPerSecond',
        'W4:batch.eventsAcceptedPerSecond',
      ]),
    );
  }, 180_000);
});
