import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export type BenchServer = {
  baseUrl: string;
  pid: number;
  rssMb(): number;
  peakRssMb(): number;
  output(): string;
  stop(): Promise<void>;
};

/**
 * Starts the real server (`npx node src/main.ts serve`) as a child in its own process group, on
 * loopback only, and waits for /api/health. `pid` is the Node process serving HTTP (found below npx).
 */
export async function startServer(opts: {
  databaseUrl: string;
  port: number;
  cwd: string;
}): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pm-bench-'));
  const child = spawn('npx', ['node', 'src/main.ts', 'serve'], {
    cwd: opts.cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PLAYMAKER_SECRET_KEY: randomBytes(32).toString('hex'),
      PLAYMAKER_DATA_DIR: dataDir,
    },
  });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  try {
    await waitHealthy(baseUrl, child, () => log);
  } catch (err) {
    await stopGroup(child, exited);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const pid = findServerPid(child.pid!) ?? child.pid!;
  return {
    baseUrl,
    pid,
    rssMb: () => statusKb(pid, 'VmRSS') / 1024,
    peakRssMb: () => statusKb(pid, 'VmHWM') / 1024,
    output: () => log,
    stop: async () => {
      await stopGroup(child, exited);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitHealthy(baseUrl: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become healthy in 90 s:\n${log()}`);
}

// SIGTERM the whole group we started (npx and the node it runs), SIGKILL if it lingers.
async function stopGroup(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** The descendant whose command line runs src/main.ts (npx may sit in between). */
function findServerPid(root: number): number | null {
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    try {
      // npm rewrites its own title into one string and sh gets one `-c` string, so only node's argv matches.
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (/(^|\/)node$/.test(argv[0] ?? '') && argv.some((a) => a.endsWith('src/main.ts')))
        return pid;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const kids = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        if (kids) queue.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      /* exited meanwhile */
    }
  }
  return null;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}
