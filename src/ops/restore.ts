// `playmaker restore <file>`: puts a backup back into an EMPTY data dir (embedded) or an empty
// PostgreSQL database (DATABASE_URL); refuses to overwrite anything.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { extract } from 'tar';
import type { Config } from '../config.ts';
import { parseSecretKey } from '../crypto/secret-box.ts';
import { entry, keyFingerprint, manifestSchema, type Manifest } from './manifest.ts';

/** Restores the archive; returns its manifest and any warning the operator must act on. */
export async function restore(
  config: Config,
  file: string,
): Promise<{ manifest: Manifest; warnings: string[] }> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const stage = mkdtempSync(path.join(tmpdir(), 'pm-restore-'));
  try {
    await extract({ file, cwd: stage, strict: true });
    const manifestFile = path.join(stage, entry.manifest);
    if (!existsSync(manifestFile))
      throw new Error(`${file} is not a Playmaker backup (it has no ${entry.manifest})`);
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(manifestFile, 'utf8')));
    if (!parsed.success)
      throw new Error(
        `${file} is not a Playmaker backup (manifest: ${parsed.error.issues[0]?.message})`,
      );
    const manifest = parsed.data;
    const target = config.DATABASE_URL ? 'postgres' : 'pglite';
    if (manifest.database !== target)
      throw new Error(
        `this backup is of a ${manifest.database} database; restore it with ${manifest.database === 'postgres' ? 'DATABASE_URL set' : 'DATABASE_URL unset (embedded)'}`,
      );
    const filesDir = path.join(config.dataDir, 'files');
    if (existsSync(filesDir) && readdirSync(filesDir).length > 0)
      throw new Error(`${filesDir} is not empty; restore into an empty data dir`);

    const warnings: string[] = [];
    if (target === 'postgres') {
      await requireEmptyPostgres(config.DATABASE_URL!);
      const r = spawnSync(
        'pg_restore',
        [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          `--dbname=${config.DATABASE_URL}`,
          path.join(stage, entry.postgres),
        ],
        { encoding: 'utf8' },
      );
      if (r.error || r.status !== 0)
        throw new Error(`pg_restore failed: ${r.error?.message ?? r.stderr.trim()}`);
      const key = config.PLAYMAKER_SECRET_KEY
        ? keyFingerprint(parseSecretKey(config.PLAYMAKER_SECRET_KEY))
        : null;
      if (key !== manifest.secretKeyFingerprint)
        warnings.push(
          'PLAYMAKER_SECRET_KEY is not the key this backup was made with: stored webhook credentials and signed links will not open until every process uses that key.',
        );
    } else {
      const pgdata = path.join(config.dataDir, 'pgdata');
      if (existsSync(pgdata) && readdirSync(pgdata).length > 0)
        throw new Error(`${pgdata} already holds a database; restore into an empty data dir`);
      mkdirSync(pgdata, { recursive: true });
      const dump = new Blob([readFileSync(path.join(stage, entry.pglite))]);
      const db = new PGlite(pgdata, { loadDataDir: dump });
      await db.waitReady;
      await db.close();
      if (manifest.includesSecretKey) {
        const keyFile = path.join(config.dataDir, 'secret.key');
        if (
          existsSync(keyFile) &&
          readFileSync(keyFile, 'utf8').trim() !==
            readFileSync(path.join(stage, entry.secretKey), 'utf8').trim()
        ) {
          throw new Error(
            `${keyFile} holds another key; move it away to restore this backup's key`,
          );
        }
        writeFileSync(keyFile, readFileSync(path.join(stage, entry.secretKey)), { mode: 0o600 });
      }
    }
    if (existsSync(path.join(stage, entry.files)))
      cpSync(path.join(stage, entry.files), filesDir, { recursive: true });
    return { manifest, warnings };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function requireEmptyPostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(
      `select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`,
    );
    if (r.rows[0].n > 0)
      throw new Error(
        'the database named by DATABASE_URL is not empty; restore into a new, empty database',
      );
  } finally {
    await client.end();
  }
}
