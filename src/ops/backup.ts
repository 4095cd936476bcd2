// `playmaker backup <file>`: one .tar.gz with the database, the attachment files and (embedded mode)
// the secret key. Embedded: stop the server first (PGlite is one process's database).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { create } from 'tar';
import type { Config } from '../config.ts';
import { loadSecretKey } from '../crypto/secret-box.ts';
import { openDatabase } from '../db/client.ts';
import { appliedMigration } from '../db/journal.ts';
import { entry, keyFingerprint, type Manifest } from './manifest.ts';

const countFiles = (dir: string): number =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).reduce(
        (n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1),
        0,
      )
    : 0;

/** Writes the archive; returns its manifest. */
export async function backup(config: Config, file: string): Promise<Manifest> {
  const stage = mkdtempSync(path.join(tmpdir(), 'pm-backup-'));
  try {
    mkdirSync(path.join(stage, 'database'));
    const key = loadSecretKey(config);
    let migration: string;
    if (config.DATABASE_URL) {
      const database = await openDatabase({ url: config.DATABASE_URL, poolSize: 1 });
      try {
        migration = (await appliedMigration(database.db)).tag;
      } finally {
        await database.close();
      }
      const dump = spawnSync(
        'pg_dump',
        [
          '--format=custom',
          '--no-owner',
          '--no-privileges',
          `--file=${path.join(stage, entry.postgres)}`,
          `--dbname=${config.DATABASE_URL}`,
        ],
        { encoding: 'utf8' },
      );
      if (dump.error || dump.status !== 0)
        throw new Error(`pg_dump failed: ${dump.error?.message ?? dump.stderr.trim()}`);
    } else {
      if (!existsSync(path.join(config.dataDir, 'pgdata')))
        throw new Error(`no embedded database in ${config.dataDir}`);
      const database = await openDatabase({ dataDir: config.dataDir });
      try {
        migration = (await appliedMigration(database.db)).tag;
        const dump = await database.pglite!.dumpDataDir('gzip');
        writeFileSync(path.join(stage, entry.pglite), Buffer.from(await dump.arrayBuffer()));
      } finally {
        await database.close();
      }
    }
    const filesDir = path.join(config.dataDir, 'files');
    if (existsSync(filesDir)) cpSync(filesDir, path.join(stage, entry.files), { recursive: true });
    // Embedded mode keeps the key in the data dir, so the backup carries it; with PostgreSQL it lives in
    // the environment (PLAYMAKER_SECRET_KEY) and is kept out of the archive on purpose.
    const includesSecretKey =
      !config.DATABASE_URL && existsSync(path.join(config.dataDir, 'secret.key'));
    if (includesSecretKey)
      writeFileSync(
        path.join(stage, entry.secretKey),
        readFileSync(path.join(config.dataDir, 'secret.key')),
        { mode: 0o600 },
      );
    const manifest: Manifest = {
      format: 'playmaker-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      database: config.DATABASE_URL ? 'postgres' : 'pglite',
      migration,
      secretKeyFingerprint: keyFingerprint(key),
      includesSecretKey,
      files: countFiles(filesDir),
    };
    writeFileSync(path.join(stage, entry.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    await create(
      { file: path.resolve(file), gzip: true, cwd: stage, strict: true, mode: 0o600 },
      readdirSync(stage),
    );
    return manifest;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
