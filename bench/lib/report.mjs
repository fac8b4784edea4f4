/**
 * Turns workload results into figures (value beside its target) and prints the table.
 * A figure: { workload, key, label, value, unit, target: { op, value } | null, pass }.
 */
const TARGET = {
  runsPerSecond: { op: '>=', value: 500 },
  singleIngest: { op: '>=', value: 2500 },
  batchIngest: { op: '>=', value: 10_000 },
  p99At200: { op: '<=', value: 50 },
  p99At400: { op: '<=', value: 250 },
  lateness: { op: '<=', value: 100 },
  apiRss: { op: '<=', value: 250 },
  workerRss: { op: '<=', value: 300 },
  noLoss: { op: '>=', value: 0.9 },
};

function judge(value, target) {
  if (!target) return null;
  if (value === null || value === undefined || !Number.isFinite(value)) return false;
  return target.op === '>=' ? value >= target.value : value <= target.value;
}

function figureMaker(workload, out) {
  return (key, label, value, unit, target = null) =>
    out.push({ workload, key, label, value: value ?? null, unit, target, pass: judge(value, target) });
}

const peak = (phases, name) => {
  const values = phases
    .map((phase) => phase.resources?.processes?.[name]?.peakRssMiB)
    .filter((value) => Number.isFinite(value));
  return values.length ? Math.max(...values) : null;
};

function resourceFigures(fig, phase, prefix) {
  const p = phase.resources?.processes ?? {};
  fig(`${prefix}.apiCpuSeconds`, `${prefix}: api CPU seconds`, p.api?.cpuSeconds, 's');
  fig(`${prefix}.workerCpuSeconds`, `${prefix}: worker CPU seconds`, p.worker?.cpuSeconds, 's');
  fig(`${prefix}.postgresCpuSeconds`, `${prefix}: Postgres backends CPU seconds`, p.postgresBackends?.cpuSeconds, 's');
  fig(
    `${prefix}.machineBusyCores`,
    `${prefix}: machine busy cores (of ${phase.resources?.cores ?? '?'})`,
    phase.resources?.machine?.busyCores,
    'cores',
  );
  fig(
    `${prefix}.otherCores`,
    `${prefix}: cores used by other processes`,
    phase.resources?.machine?.otherCores,
    'cores',
  );
}

function latencyFigures(fig, phase, prefix, firstTarget = null) {
  const first = phase.eventToFirstActionMs ?? {};
  const done = phase.eventToRunCompletedMs ?? {};
  fig(`${prefix}.firstAction.p50`, `${prefix}: event→first action p50`, first.p50, 'ms');
  fig(`${prefix}.firstAction.p95`, `${prefix}: event→first action p95`, first.p95, 'ms');
  fig(`${prefix}.firstAction.p99`, `${prefix}: event→first action p99`, first.p99, 'ms', firstTarget);
  fig(`${prefix}.runCompleted.p50`, `${prefix}: event→run completed p50`, done.p50, 'ms');
  fig(`${prefix}.runCompleted.p95`, `${prefix}: event→run completed p95`, done.p95, 'ms');
  fig(`${prefix}.runCompleted.p99`, `${prefix}: event→run completed p99`, done.p99, 'ms');
}

export function figuresOf(result) {
  const out = [];
  const fig = figureMaker(result.workload, out);
  if (result.error) return out;
  if (result.workload === 'W1') {
    const { burst, paced } = result.phases;
    fig(
      'burst.eventsAcceptedPerSecond',
      'burst: events accepted/s (durable single-event ingest)',
      burst.eventsAcceptedPerSecond,
      '/s',
      TARGET.singleIngest,
    );
    fig('burst.retries429', 'burst: 429 answers waited out', burst.retries429, '');
    fig('burst.eventsProcessedPerSecond', 'burst: events processed/s (matched)', burst.eventsProcessedPerSecond, '/s');
    fig(
      'burst.runsCompletedPerSecond',
      'burst: runs completed/s',
      burst.runsCompletedPerSecond,
      '/s',
      TARGET.runsPerSecond,
    );
    latencyFigures(fig, burst, 'burst');
    fig(
      'burst.apiPeakRssMiB',
      'burst: api peak RSS',
      burst.resources?.processes?.api?.peakRssMiB,
      'MiB',
      TARGET.apiRss,
    );
    fig(
      'burst.workerPeakRssMiB',
      'burst: worker peak RSS',
      burst.resources?.processes?.worker?.peakRssMiB,
      'MiB',
      TARGET.workerRss,
    );
    resourceFigures(fig, burst, 'burst');
    const msPerRun = (name) => {
      const seconds = burst.resources?.processes?.[name]?.cpuSeconds;
      return Number.isFinite(seconds) && burst.runsCompleted > 0
        ? Math.round((seconds * 10000) / burst.runsCompleted) / 10
        : null;
    };
    fig('burst.apiCpuMsPerRun', 'burst: api CPU per run', msPerRun('api'), 'ms');
    fig('burst.workerCpuMsPerRun', 'burst: worker CPU per run', msPerRun('worker'), 'ms');
    fig('burst.postgresCpuMsPerRun', 'burst: Postgres backends CPU per run', msPerRun('postgresBackends'), 'ms');
    if (burst.database?.statementsPerRun != null)
      fig(
        'burst.statementsPerRun',
        'burst: Postgres statements per run (pg_stat_statements)',
        burst.database.statementsPerRun,
        '/run',
      );
    fig(
      'burst.commitsPerRun',
      'burst: Postgres commits per run (pg_stat_database)',
      burst.database?.commitsPerRun,
      '/run',
    );
    fig(
      'burst.rowsWrittenPerRun',
      'burst: Postgres rows written per run',
      sum(burst.database?.rowsInsertedPerRun, burst.database?.rowsUpdatedPerRun, burst.database?.rowsDeletedPerRun),
      '/run',
    );
    for (const phase of paced) {
      const prefix = `paced ${phase.offeredRate}/s`;
      const target = phase.offeredRate === 200 ? TARGET.p99At200 : phase.offeredRate === 400 ? TARGET.p99At400 : null;
      if (phase.skipped) {
        fig(
          `paced-${phase.offeredRate}.firstAction.p99`,
          `${prefix}: event→first action p99 (not run: ${phase.skipped.split(';')[0]})`,
          null,
          'ms',
          target,
        );
        continue;
      }
      fig(
        `paced-${phase.offeredRate}.achievedSendRate`,
        `${prefix}: achieved offered rate`,
        phase.achievedSendRate,
        '/s',
      );
      fig(
        `paced-${phase.offeredRate}.eventsAcceptedPerSecond`,
        `${prefix}: events accepted/s`,
        phase.eventsAcceptedPerSecond,
        '/s',
      );
      fig(`paced-${phase.offeredRate}.retries429`, `${prefix}: 429 answers waited out`, phase.retries429, '');
      fig(
        `paced-${phase.offeredRate}.runsCompletedPerSecond`,
        `${prefix}: runs completed/s`,
        phase.runsCompletedPerSecond,
        '/s',
      );
      latencyFigures(fig, phase, prefix, target);
      fig(
        `paced-${phase.offeredRate}.workerCpuCores`,
        `${prefix}: worker CPU cores`,
        phase.resources?.processes?.worker?.cpuCores,
        'cores',
      );
    }
    const all = [burst, ...paced];
    fig('apiPeakRssMiB', 'all phases: api peak RSS', peak(all, 'api'), 'MiB', TARGET.apiRss);
    fig('workerPeakRssMiB', 'all phases: worker peak RSS', peak(all, 'worker'), 'MiB', TARGET.workerRss);
  }
  if (result.workload === 'W2') {
    const { baseline, population, during, lateness } = result.phases;
    fig('population.waitingRuns', 'waiting runs (delays + approvals)', result.waiting.total, 'runs');
    fig('population.createdPerSecond', 'waiting runs created/s', result.waiting.createdPerSecond, '/s');
    fig('redis.usedMemoryDeltaMiB', 'Redis used_memory delta (instance-wide)', result.redis.usedMemoryDeltaMiB, 'MiB');
    fig('redis.prefixMiB', 'Redis memory of the bench keys', result.redis.prefixMiBAfter, 'MiB');
    fig('redis.bytesPerWaitingRun', 'Redis bytes per waiting run', result.redis.bytesPerWaitingRun, 'B');
    fig('population.apiRssMiB', 'api RSS with the runs waiting', result.waiting.rssMiB.api, 'MiB', TARGET.apiRss);
    fig(
      'population.workerRssMiB',
      'worker RSS with the runs waiting',
      result.waiting.rssMiB.worker,
      'MiB',
      TARGET.workerRss,
    );
    fig(
      'population.workerPeakRssMiB',
      'worker peak RSS while creating them',
      population.resources?.processes?.worker?.peakRssMiB,
      'MiB',
      TARGET.workerRss,
    );
    fig(
      'baseline.runsCompletedPerSecond',
      'W1 runs completed/s before (baseline)',
      baseline.runsCompletedPerSecond,
      '/s',
      TARGET.runsPerSecond,
    );
    fig(
      'during.runsCompletedPerSecond',
      'W1 runs completed/s while they wait',
      during.runsCompletedPerSecond,
      '/s',
      TARGET.runsPerSecond,
    );
    fig(
      'during.throughputRatio',
      'W1 throughput while waiting ÷ baseline',
      ratio(during.runsCompletedPerSecond, baseline.runsCompletedPerSecond),
      '×',
      TARGET.noLoss,
    );
    fig('during.firstAction.p99', 'W1 event→first action p99 while waiting', during.eventToFirstActionMs?.p99, 'ms');
    fig(
      'during.apiPeakRssMiB',
      'api peak RSS during W1',
      during.resources?.processes?.api?.peakRssMiB,
      'MiB',
      TARGET.apiRss,
    );
    fig(
      'during.workerPeakRssMiB',
      'worker peak RSS during W1',
      during.resources?.processes?.worker?.peakRssMiB,
      'MiB',
      TARGET.workerRss,
    );
    fig(
      'population.stillWaiting',
      'waiting runs still waiting after W1 (none lost or woken)',
      result.waiting.stillWaitingAfterW1,
      'runs',
    );
    fig('lateness.p50', 'delayed-step lateness p50', lateness.latenessMs?.p50, 'ms');
    fig('lateness.p99', 'delayed-step lateness p99', lateness.latenessMs?.p99, 'ms', TARGET.lateness);
    fig('lateness.max', 'delayed-step lateness max', lateness.latenessMs?.max, 'ms');
  }
  if (result.workload === 'W3') {
    const { base, many } = result.phases;
    for (const [phase, label] of [
      [base, `${result.setup.baseWorkflows} workflows`],
      [many, `${result.setup.workflows} workflows`],
    ]) {
      fig(`${phase.phase}.eventsAcceptedPerSecond`, `${label}: events accepted/s`, phase.eventsAcceptedPerSecond, '/s');
      fig(
        `${phase.phase}.eventsProcessedPerSecond`,
        `${label}: events processed/s`,
        phase.eventsProcessedPerSecond,
        '/s',
      );
      fig(`${phase.phase}.runsCompletedPerSecond`, `${label}: runs completed/s`, phase.runsCompletedPerSecond, '/s');
      fig(`${phase.phase}.firstAction.p99`, `${label}: event→first action p99`, phase.eventToFirstActionMs?.p99, 'ms');
      fig(
        `${phase.phase}.processingRecordBytes`,
        `${label}: event processing record size`,
        phase.avgProcessingRecordBytes,
        'B',
      );
      fig(
        `${phase.phase}.workerPeakRssMiB`,
        `${label}: worker peak RSS`,
        phase.resources?.processes?.worker?.peakRssMiB,
        'MiB',
        TARGET.workerRss,
      );
    }
    fig(
      'ratio.eventsProcessed',
      `events processed/s ${result.setup.workflows} ÷ ${result.setup.baseWorkflows} workflows`,
      ratio(many.eventsProcessedPerSecond, base.eventsProcessedPerSecond),
      '×',
      TARGET.noLoss,
    );
    fig(
      'ratio.eventsAccepted',
      `events accepted/s ${result.setup.workflows} ÷ ${result.setup.baseWorkflows} workflows`,
      ratio(many.eventsAcceptedPerSecond, base.eventsAcceptedPerSecond),
      '×',
      TARGET.noLoss,
    );
    fig(
      'ratio.runsCompleted',
      `runs completed/s ${result.setup.workflows} ÷ ${result.setup.baseWorkflows} workflows`,
      ratio(many.runsCompletedPerSecond, base.runsCompletedPerSecond),
      '×',
      TARGET.noLoss,
    );
  }
  if (result.workload === 'W4') {
    const { single, batch } = result.phases;
    fig(
      'single.eventsAcceptedPerSecond',
      'single-event ingest, events accepted/s (durable)',
      single.eventsAcceptedPerSecond,
      '/s',
      TARGET.singleIngest,
    );
    fig('single.http.p99', 'single-event POST p99', single.http?.ms?.p99, 'ms');
    fig(
      'batch.eventsAcceptedPerSecond',
      `batch ingest (${result.setup.batchSize}/request), events accepted/s (durable)`,
      batch.eventsAcceptedPerSecond,
      '/s',
      TARGET.batchIngest,
    );
    fig('batch.http.p99', 'batch POST p99', batch.http?.ms?.p99, 'ms');
    fig('batch.runsCompletedPerSecond', 'runs completed/s behind the batches', batch.runsCompletedPerSecond, '/s');
    fig('apiPeakRssMiB', 'api peak RSS', peak([single, batch], 'api'), 'MiB', TARGET.apiRss);
    fig('workerPeakRssMiB', 'worker peak RSS', peak([single, batch], 'worker'), 'MiB', TARGET.workerRss);
    resourceFigures(fig, batch, 'batch');
  }
  return out;
}

function sum(...values) {
  return values.every((value) => Number.isFinite(value))
    ? Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10
    : null;
}

function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Math.round((a / b) * 100) / 100 : null;
}

function formatNumber(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(value);
}

export function formatTable(figures) {
  const rows = figures.map((figure) => [
    figure.workload,
    figure.label,
    `${formatNumber(figure.value)} ${figure.unit}`.trim(),
    figure.target
      ? `${figure.target.op === '>=' ? '≥' : '≤'} ${formatNumber(figure.target.value)} ${figure.unit}`.trim()
      : '',
    figure.pass === null ? '' : figure.pass ? 'PASS' : 'FAIL',
  ]);
  const header = ['workload', 'figure', 'value', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) =>
    cells
      .map((cell, column) => (column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
}

/**
 * The project's W1 burst beside the peer's run of the same work (issue 15). Each row: the peer's value,
 * the project's, and the ratio oriented so that above 1 means this project does better
 * (project ÷ peer for throughput, peer ÷ project for costs).
 */
export function peerComparison(figures, peer) {
  const w1 = (key) => figures.find((figure) => figure.workload === 'W1' && figure.key === key)?.value ?? null;
  const rows = [
    [
      'completedPerS',
      'W1 burst: automations completed/s',
      peer.completedPerS,
      w1('burst.runsCompletedPerSecond'),
      '/s',
      'higher',
    ],
    [
      'cpuMsPerAutomation',
      'CPU per automation (n8n; api + worker)',
      peer.cpuMsPerAutomation,
      sum(w1('burst.apiCpuMsPerRun'), w1('burst.workerCpuMsPerRun')),
      'ms',
      'lower',
    ],
    [
      'postgresCpuMsPerAutomation',
      'Postgres CPU per automation',
      peer.postgresCpuMsPerAutomation,
      w1('burst.postgresCpuMsPerRun'),
      'ms',
      'lower',
    ],
    ['e2eP50Ms', 'end-to-end latency p50', peer.e2eP50Ms, w1('burst.runCompleted.p50'), 'ms', 'lower'],
    ['e2eP99Ms', 'end-to-end latency p99', peer.e2eP99Ms, w1('burst.runCompleted.p99'), 'ms', 'lower'],
    [
      'peakRssMiB',
      'peak RSS (n8n; api + worker)',
      peer.peakRssMiB,
      sum(w1('burst.apiPeakRssMiB'), w1('burst.workerPeakRssMiB')),
      'MiB',
      'lower',
    ],
  ];
  return rows.map(([key, label, peerValue, project, unit, better]) => ({
    key,
    label,
    unit,
    peer: peerValue ?? null,
    project,
    ratio: better === 'higher' ? ratio(project, peerValue) : ratio(peerValue, project),
    ratioIs: better === 'higher' ? 'project ÷ peer' : 'peer ÷ project',
  }));
}

export function formatPeerTable(peer) {
  if (peer.error) return `${peer.name} ${peer.version} peer: missing — ${peer.error}`;
  const rows = peer.comparison.map((row) => [
    row.label,
    `${formatNumber(row.peer)} ${row.unit}`,
    `${formatNumber(row.project)} ${row.unit}`,
    row.ratio === null ? '—' : `${row.ratio}×`,
  ]);
  const header = [
    `W1 burst, ${formatNumber(peer.events)} events at concurrency ${peer.concurrency}`,
    `${peer.name} ${peer.version}`,
    'this project',
    'ratio',
  ];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join(' | ')
      .trimEnd();
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...rows.map(line),
    'ratio: this project ÷ n8n for throughput, n8n ÷ this project for costs (above 1: this project does better).',
    "Latency: n8n ticket created − event sent (client clock); this project event accepted → run finished. CPU excludes Postgres (own row; n8n's includes the loadgen's psql polls).",
    ...(peer.warning ? [`${peer.name}: ${peer.warning}`] : []),
  ].join('\n');
}
