// Terminating a process's Postgres connections. The worker's application_name is not ours to choose (the
// product names its pools), so connections are found by the TCP ports the worker processes own: each
// /proc/<pid>/fd socket inode → its local port in /proc/net/tcp{,6} → pg_stat_activity.client_port.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

function socketInodes(pid) {
  const inodes = new Set();
  let fds = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes; // exited
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** Local TCP ports of the sockets the given processes hold. */
export function localPortsOf(pids) {
  const inodes = new Set();
  for (const pid of pids) for (const inode of socketInodes(pid)) inodes.add(inode);
  const ports = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      if (inodes.has(fields[9])) ports.add(parseInt(fields[1].split(':').pop(), 16));
    }
  }
  return [...ports];
}

/**
 * pg_terminate_backend on every connection of database `dbName` that belongs to one of `pids` (by client port),
 * or whose application_name starts with `appPrefix`. Resolves how many were terminated and how many matched.
 */
export async function terminateConnectionsOf(admin, { dbName, pids, appPrefix }) {
  const ports = localPortsOf(pids);
  const { rows } = await admin.query(
    `SELECT count(*)::int AS matched, count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS terminated
       FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid() AND (client_port = ANY($2::int[]) OR application_name LIKE $3)`,
    [dbName, ports, `${appPrefix}%`],
  );
  return { ...rows[0], ports: ports.length };
}
