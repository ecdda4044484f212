// CPU time of whole process trees from /proc (Kamailio forks a dozen workers; PostgreSQL a backend per
// connection), so each part of the phone line is measured by its own PIDs, never by a process name that
// other work on the machine may share.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux

interface Stat {
  pid: number;
  ppid: number;
  /** user + system seconds of the process (all its threads). */
  cpu: number;
}

function readStat(pid: number): Stat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S };
  } catch {
    return null; // gone meanwhile
  }
}

function allStats(): Stat[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((e) => readStat(Number(e)) ?? []);
}

/** CPU seconds used so far by each root's process and every live descendant of it (NaN for a root that is gone). */
export function treeCpuSeconds(roots: Record<string, number>): Record<string, number> {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const out: Record<string, number> = {};
  for (const [name, root] of Object.entries(roots)) {
    const top = byPid.get(root);
    if (!top) {
      out[name] = NaN;
      continue;
    }
    let sum = 0;
    const todo = [top];
    while (todo.length > 0) {
      const s = todo.pop()!;
      sum += s.cpu;
      todo.push(...(children.get(s.pid) ?? []));
    }
    out[name] = sum;
  }
  return out;
}

/** CPU seconds of this process's children that have exited and been waited for (e.g. a SIPp run that ended). */
export function reapedChildrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_S;
}

/** The postmaster serving `port` (its command line has `-p <port>`), or 0 when none is found. */
export function postmasterPid(port: number): number {
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const argv = readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0');
      if (!argv[0]?.endsWith('/postgres')) continue;
      const p = argv.indexOf('-p');
      if (p >= 0 && argv[p + 1] === String(port)) return Number(e);
    } catch {
      // gone meanwhile
    }
  }
  return 0;
}
