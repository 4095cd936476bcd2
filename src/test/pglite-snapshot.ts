// One migrated PGlite data directory per migration set, shared by every PGlite test file: a file
// loads the tarball (about 0.5 s) instead of running initdb and every migration (about 2–5 s).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';

const migrationsDir = path.resolve(import.meta.dirname, '../db/migrations');
/** Where snapshots live (the repository's .tmp/, ignored by git). */
export const snapshotDir = path.resolve(import.meta.dirname, '../../.tmp');

/**
 * What a migrated database is made of: the migration journal and every migration's SQL. A new or
 * edited migration changes it, so the PostgreSQL template and the PGlite snapshot named after it are
 * rebuilt instead of reused stale.
 */
export function migrationsHash(dir = migrationsDir): string {
  const h = createHash('sha256');
  h.update(readFileSync(path.join(dir, 'meta/_journal.json')));
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    h.update(`\0${f}\0`);
    h.update(readFileSync(path.join(dir, f)));
  }
  return h.digest('hex').slice(0, 12);
}

const pgliteVersion = (
  JSON.parse(
    readFileSync(new URL('../package.json', import.meta.resolve('@electric-sql/pglite')), 'utf8'),
  ) as { version: string }
).version;

/** The snapshot's file: one per migration set and PGlite version (a new PGlite may change the data dir format). */
export function snapshotFile(dir = migrationsDir): string {
  return path.join(snapshotDir, `pglite-snapshot-${migrationsHash(dir)}-${pgliteVersion}.tar`);
}

let cached: Promise<Blob> | undefined;

/**
 * The migrated data dir as a tarball for PGlite's `loadDataDir`: read from .tmp/ when a test process
 * already built it, else built here once. Concurrent test processes take a lock file, so one builds
 * while the others wait; the file appears under its final name only when complete (write + rename).
 */
export function pgliteSnapshot(): Promise<Blob> {
  cached ??= loadOrBuild(snapshotFile()).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/**
 * Fills `<dataDir>/pgdata` (where openDatabase({ dataDir }) keeps an embedded database) with the
 * migrated snapshot, for tests that start a `playmaker` process on an embedded data dir: it then
 * skips initdb and the migrations, and seeds as on an empty data dir.
 */
export async function writePgliteDataDir(dataDir: string): Promise<void> {
  const file = snapshotFile();
  await loadOrBuild(file);
  const pgdata = path.join(dataDir, 'pgdata');
  mkdirSync(pgdata, { recursive: true });
  // PGlite writes member names with a leading '/': GNU tar strips it (and says so on stderr).
  const r = spawnSync('tar', ['-xf', file, '-C', pgdata], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar -xf ${file} failed: ${r.error?.message ?? r.stderr}`);
}

/** The snapshot at `file`, built there first unless it exists (exported for its own test). */
export async function loadOrBuild(file: string): Promise<Blob> {
  mkdirSync(path.dirname(file), { recursive: true });
  const lock = `${file}.lock`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    const tar = readIfPresent(file);
    if (tar) return new Blob([tar]);
    if (takeLock(lock)) {
      try {
        if (!existsSync(file)) await build(file);
      } finally {
        rmSync(lock, { force: true });
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readIfPresent(file: string): Buffer<ArrayBuffer> | undefined {
  try {
    return readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Creates the lock file holding our pid; clears a lock whose process died (or is 5 minutes old). */
function takeLock(lock: string): boolean {
  try {
    const fd = openSync(lock, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    const old = Date.now() - statSync(lock).mtimeMs > 300_000;
    // An empty file is a lock being written right now; only a dead pid or an old lock is stale.
    if (old || (pid > 0 && !alive(pid))) rmSync(lock, { force: true });
  } catch {
    /* removed meanwhile: the next round sees the snapshot or takes the lock */
  }
  return false;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function build(file: string) {
  const database = await openDatabase({ memory: true });
  try {
    await runMigrations(database);
    // Flush to the data files so the tarball starts without WAL replay.
    await database.pglite!.exec('checkpoint');
    const tar = Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer());
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, tar);
    renameSync(tmp, file);
  } finally {
    await database.close();
  }
  // Snapshots of older migration sets are dead weight (about 40 MB each).
  for (const f of readdirSync(path.dirname(file))) {
    const p = path.join(path.dirname(file), f);
    if (/^pglite-snapshot-.*\.tar$/.test(f) && p !== file) rmSync(p, { force: true });
  }
}
