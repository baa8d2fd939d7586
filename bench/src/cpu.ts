import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * [ppid, utime + stime, cutime + cstime (its reaped children's)] in ms, from /proc/<pid>/stat,
 * or null when the process is gone.
 */
function statOf(pid: number): [number, number, number] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const ppid = Number(fields[1]);
    const ms = (a: string | undefined, b: string | undefined) => ((Number(a) + Number(b)) * 1000) / TICKS_PER_SECOND;
    return [ppid, ms(fields[11], fields[12]), ms(fields[13], fields[14])];
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) a process has used so far. */
export function cpuMs(pid: number): number {
  return statOf(pid)?.[1] ?? Number.NaN;
}

/**
 * CPU time (ms) used so far by a process and all its children (for the postmaster: every
 * backend): its own, what its exited children left in its cutime/cstime, and its live children's.
 */
export function childrenCpuMs(parentPid: number): number {
  const own = statOf(parentPid);
  if (!own) return Number.NaN;
  let total = own[1] + own[2];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (stat && stat[0] === parentPid) total += stat[1];
  }
  return total;
}
