import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU and memory of processes read from /proc (Linux only): the server, PostgreSQL and the
 * generator itself are all on the same machine, so each one's share of the 2 cores is reported.
 */
const TICKS_PER_SECOND = 100; // USER_HZ; `getconf CLK_TCK` is 100 on every mainstream Linux

export interface ProcSample {
  cpuSeconds: number;
  rssBytes: number;
}

/** utime+stime and VmRSS of one pid; null when it is gone. */
export function sampleProcess(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuSeconds: cpuTicks / TICKS_PER_SECOND, rssBytes: rssKb * 1024 };
  } catch {
    return null;
  }
}

/**
 * Summed over several pids (PostgreSQL is one process per connection). Memory is the sum of PSS
 * (proportional set size), so shared_buffers mapped by every backend is counted once.
 */
export function sampleProcesses(pids: number[]): ProcSample {
  const total = { cpuSeconds: 0, rssBytes: 0 };
  for (const pid of pids) {
    const s = sampleProcess(pid);
    if (!s) continue;
    total.cpuSeconds += s.cpuSeconds;
    total.rssBytes += pssBytes(pid) ?? s.rssBytes;
  }
  return total;
}

function pssBytes(pid: number): number | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = /^Pss:\s+(\d+)/m.exec(rollup)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * PostgreSQL's processes: the postmaster `rootPid` and its children when known (embedded
 * database), otherwise every process named `postgres` on the machine.
 */
export function postgresPids(rootPid?: number): number[] {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  if (rootPid) return pids.filter((pid) => pid === rootPid || parentOf(pid) === rootPid);
  return pids.filter((pid) => commandOf(pid) === 'postgres');
}

/** CPU used between two samples as a percentage of one core (200 % = both cores of a 2-core box). */
export function cpuPercent(before: ProcSample, after: ProcSample, seconds: number): number {
  return ((after.cpuSeconds - before.cpuSeconds) / seconds) * 100;
}

/** The generator's own CPU, from process.cpuUsage (microseconds). */
export function selfCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
