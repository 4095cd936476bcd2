import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond =
        Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; null when it is gone. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / clockTicks()) * 1000;
  } catch {
    return null;
  }
}

/** The PostgreSQL backends serving one database, found by their process title (`postgres: … <user> <database> …`). */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.split(/[\s\0]+/).includes(database))
        pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

export type CpuUse = { server: number; db: number };

/**
 * CPU time used by the server process and by the database's backends between `start()` and `stop()`.
 * Backends come and go with the connection pool, so every process is sampled a few times a second and
 * counted from its first to its last sample (a backend that exits loses at most one interval).
 */
export function cpuTracker(serverPid: number, database: string, intervalMs = 200) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let timer: NodeJS.Timeout | null = null;
  const sample = (initial: boolean) => {
    const pids = [serverPid, ...backendsOf(database)];
    for (const pid of pids) {
      const ms = processCpuMs(pid);
      if (ms === null) continue;
      // A backend first seen after start began during the phase: count it from zero.
      if (!first.has(pid)) first.set(pid, initial ? ms : 0);
      last.set(pid, ms);
    }
  };
  return {
    start() {
      first.clear();
      last.clear();
      sample(true);
      timer = setInterval(() => sample(false), intervalMs);
    },
    stop(): CpuUse {
      if (timer) clearInterval(timer);
      sample(false);
      let server = 0;
      let db = 0;
      for (const [pid, end] of last) {
        const used = Math.max(0, end - (first.get(pid) ?? 0)); // a reused pid must not subtract
        if (pid === serverPid) server += used;
        else db += used;
      }
      return { server, db };
    },
  };
}

export type CpuSample = { server: number; db: number; client: number };
/** Runs `fn` and returns the CPU it cost, minus what server and database use anyway while idle (background jobs). */
export type Measure = <T>(fn: () => Promise<T>) => Promise<{ value: T; cpu: CpuSample }>;

/** Samples idle use for `idleMs` first, then measures work net of that baseline. */
export async function cpuMeter(
  serverPid: number,
  database: string,
  idleMs = 3_000,
): Promise<{ measure: Measure; idlePerSecond: CpuUse }> {
  const tracker = cpuTracker(serverPid, database);
  tracker.start();
  await new Promise((r) => setTimeout(r, idleMs));
  const idle = tracker.stop();
  const perMs = { server: idle.server / idleMs, db: idle.db / idleMs };
  const measure: Measure = async (fn) => {
    const own = process.cpuUsage();
    const started = performance.now();
    tracker.start();
    const value = await fn();
    const used = tracker.stop();
    const elapsed = performance.now() - started;
    const mine = process.cpuUsage(own);
    return {
      value,
      cpu: {
        server: Math.max(0, used.server - perMs.server * elapsed),
        db: Math.max(0, used.db - perMs.db * elapsed),
        client: (mine.user + mine.system) / 1000,
      },
    };
  };
  return { measure, idlePerSecond: { server: perMs.server * 1000, db: perMs.db * 1000 } };
}
