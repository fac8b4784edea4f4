import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { round } from './stats.mjs';

function clockTicks() {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

export const CLK_TCK = clockTicks();

/** utime + stime of a process in clock ticks, or null when it is gone / unreadable. */
export function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14, stime 15 (1-based over the whole line).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** VmRSS and VmHWM (peak) of a process in bytes, or null. */
export function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => {
      const match = status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
      return match ? Number(match[1]) * 1024 : null;
    };
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine (/proc/stat). */
function machineTicks() {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const [, ...numbers] = cpu.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = numbers.map(Number);
    const busy = user + nice + system + irq + softirq + (steal || 0);
    return { busy, total: busy + idle + (iowait || 0) };
  } catch {
    return null;
  }
}

/**
 * Samples the resident memory of the api and worker processes every `intervalMs` (keeps the max per
 * measurement window) and reads CPU seconds (/proc/<pid>/stat utime+stime / CLK_TCK) at the window's
 * ends. Postgres backends of the bench database are found through `pgBackends()` (pids from
 * pg_stat_activity, refreshed every second) so their CPU can be attributed to the workload too.
 */
export class ProcSampler {
  constructor({ intervalMs = 200, pgBackends = null } = {}) {
    this.intervalMs = intervalMs;
    this.pgBackends = pgBackends;
    this.processes = new Map();
    this.windows = new Set();
    this.backends = new Map(); // pid -> { startedAt: ms epoch, ticks }
    this.timer = null;
    this.refreshing = false;
    this.lastRefresh = 0;
  }

  track(name, pid) {
    this.processes.set(name, pid);
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tick() {
    for (const [name, pid] of this.processes) {
      const mem = memory(pid);
      if (!mem || mem.rss === null) continue;
      for (const window of this.windows) window.peak[name] = Math.max(window.peak[name] ?? 0, mem.rss);
    }
    for (const [pid, backend] of this.backends) {
      const ticks = cpuTicks(pid);
      if (ticks !== null) backend.ticks = ticks;
    }
    if (this.pgBackends && !this.refreshing && Date.now() - this.lastRefresh >= 1000) {
      this.refreshing = true;
      this.lastRefresh = Date.now();
      this.pgBackends()
        .then((rows) => {
          for (const { pid, backendStart } of rows) {
            if (this.backends.has(pid)) continue;
            const ticks = cpuTicks(pid);
            if (ticks === null) continue;
            this.backends.set(pid, { startedAt: backendStart.getTime(), ticks });
            // A backend born inside a window spent all its CPU in it; one seen late was already counted from 0.
            for (const window of this.windows)
              if (!window.pgStart.has(pid))
                window.pgStart.set(pid, backendStart.getTime() >= window.startedAt ? 0 : ticks);
          }
        })
        .catch(() => undefined)
        .finally(() => (this.refreshing = false));
    }
  }

  /** Current RSS (MiB) of every tracked process. */
  currentRss() {
    const out = {};
    for (const [name, pid] of this.processes) out[name] = round((memory(pid)?.rss ?? NaN) / (1024 * 1024));
    return out;
  }

  /** Opens a measurement window: peak RSS and CPU seconds of each process from now until `close()`. */
  window() {
    const window = {
      startedAt: Date.now(),
      peak: {},
      cpuStart: {},
      pgStart: new Map(),
      machineStart: machineTicks(),
      selfStart: process.cpuUsage(),
    };
    for (const [name, pid] of this.processes) window.cpuStart[name] = cpuTicks(pid);
    for (const [pid, backend] of this.backends) window.pgStart.set(pid, cpuTicks(pid) ?? backend.ticks);
    this.windows.add(window);
    this.tick();
    return {
      close: () => {
        this.tick();
        this.windows.delete(window);
        const seconds = (Date.now() - window.startedAt) / 1000;
        const processes = {};
        for (const [name, pid] of this.processes) {
          const end = cpuTicks(pid);
          const start = window.cpuStart[name];
          const mem = memory(pid);
          const cpuSeconds = end !== null && start !== null ? (end - start) / CLK_TCK : null;
          processes[name] = {
            peakRssMiB: round((window.peak[name] ?? NaN) / (1024 * 1024)),
            hwmMiB: round((mem?.hwm ?? NaN) / (1024 * 1024)),
            cpuSeconds: round(cpuSeconds, 2),
            cpuCores: round(cpuSeconds !== null ? cpuSeconds / seconds : null, 2),
          };
        }
        let pgTicks = 0;
        for (const [pid, start] of window.pgStart) {
          const now = cpuTicks(pid) ?? this.backends.get(pid)?.ticks ?? start;
          pgTicks += Math.max(0, now - start);
        }
        const self = process.cpuUsage(window.selfStart);
        const selfSeconds = (self.user + self.system) / 1e6;
        processes.postgresBackends = {
          cpuSeconds: round(pgTicks / CLK_TCK, 2),
          cpuCores: round(pgTicks / CLK_TCK / seconds, 2),
          backends: window.pgStart.size,
        };
        processes.benchClient = { cpuSeconds: round(selfSeconds, 2), cpuCores: round(selfSeconds / seconds, 2) };
        const machineEnd = machineTicks();
        const machine =
          window.machineStart && machineEnd && machineEnd.total > window.machineStart.total
            ? {
                busyFraction: round(
                  (machineEnd.busy - window.machineStart.busy) / (machineEnd.total - window.machineStart.total),
                  3,
                ),
                busyCores: round((machineEnd.busy - window.machineStart.busy) / CLK_TCK / seconds, 2),
              }
            : { busyFraction: null, busyCores: null };
        // CPU the machine spent outside the measured processes (other users of a shared machine, the kernel).
        const measuredCores = Object.values(processes).reduce(
          (total, entry) => total + (Number.isFinite(entry.cpuCores) ? entry.cpuCores : 0),
          0,
        );
        machine.otherCores =
          machine.busyCores === null ? null : round(Math.max(0, machine.busyCores - measuredCores), 2);
        machine.loadAverage1m = round(os.loadavg()[0], 2);
        return { seconds: round(seconds, 2), cores: os.cpus().length, processes, machine };
      },
    };
  }
}
