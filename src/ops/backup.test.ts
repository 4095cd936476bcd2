// Backup and restore as an operator runs them: the real CLI on a seeded demo workspace, restored into
// an empty data dir (or an empty PostgreSQL database), compared table by table, file by file.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { createDiskFileStore } from '../files/store.ts';
import { TEST_SECRET_KEY, withDatabase } from '../test/harness.ts';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
const adminUrl = process.env.TEST_DATABASE_URL;

function cli(args: string[], env: Record<string, string>) {
  const clean = { ...process.env };
  for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'PLAYMAKER_SECRET_KEY', 'SMTP_URL'])
    delete clean[k];
  const r = spawnSync(process.execPath, [main, ...args], {
    env: { ...clean, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

/** Row count and a digest of every row, for every table Playmaker, drizzle and pg-boss keep. */
async function tableDigests(database: Database): Promise<Record<string, string>> {
  const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);
  const tables = await rows<{
    s: string;
    t: string;
  }>(sql`select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle', 'pgboss') order by 1, 2`);
  const out: Record<string, string> = {};
  for (const { s, t } of tables) {
    const [d] = await rows<{ n: number; md5: string | null }>(
      sql.raw(
        `select count(*)::int as n, md5(string_agg(x::text, E'\\n' order by x::text)) as md5 from "${s}"."${t}" x`,
      ),
    );
    out[`${s}.${t}`] = `${d!.n}:${d!.md5 ?? ''}`;
  }
  return out;
}

describe('playmaker backup / restore', () => {
  const dirs: string[] = [];
  const dbs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'pm-bk-'));
    dirs.push(d);
    return d;
  };
  after(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    if (!adminUrl) return;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    for (const name of dbs) await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });

  const newDatabase = async () => {
    const name = `pm_bk_${Math.random().toString(36).slice(2, 10)}`;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    dbs.push(name);
    return withDatabase(adminUrl!, name);
  };

  it('restores every table, every attachment file and the secret key into an empty place', async () => {
    const source = tempDir();
    const target = tempDir();
    const archive = path.join(tempDir(), 'playmaker.tar.gz');
    const sourceUrl = adminUrl ? await newDatabase() : undefined;
    const targetUrl = adminUrl ? await newDatabase() : undefined;
    const env = (dir: string, url?: string): Record<string, string> => ({
      PLAYMAKER_DATA_DIR: dir,
      ...(url ? { DATABASE_URL: url, PLAYMAKER_SECRET_KEY: TEST_SECRET_KEY } : {}),
    });

    const seeded = cli(['seed', '--demo'], env(source, sourceUrl));
    assert.ok(seeded.ok, seeded.out);
    const fileKey = await createDiskFileStore(source).put(Buffer.from('%PDF-1.4 renewal terms'));

    const made = cli(['backup', archive], env(source, sourceUrl));
    assert.ok(made.ok, made.out);
    assert.match(made.out, /backup written to .*1 attachment file/);
    assert.equal(statSync(archive).mode & 0o777, 0o600, 'the archive holds secrets: owner-only');

    const restored = cli(['restore', archive], env(target, targetUrl));
    assert.ok(restored.ok, restored.out);
    assert.doesNotMatch(restored.out, /warning/, 'same key, no warning');

    const open = (dir: string, url?: string) =>
      openDatabase(url ? { url, poolSize: 1 } : { dataDir: dir });
    const before = await open(source, sourceUrl);
    const expected = await tableDigests(before);
    await before.close();
    const back = await open(target, targetUrl);
    const actual = await tableDigests(back);
    await back.close();
    assert.ok(Object.keys(expected).length > 30, 'every table was compared');
    assert.ok(
      Number(expected['public.tasks']!.split(':')[0]) > 0,
      'the demo data is in the comparison',
    );
    assert.deepEqual(actual, expected);

    assert.equal(
      readFileSync(path.join(target, 'files', fileKey), 'utf8'),
      '%PDF-1.4 renewal terms',
    );
    if (!adminUrl)
      assert.equal(
        readFileSync(path.join(target, 'secret.key'), 'utf8'),
        readFileSync(path.join(source, 'secret.key'), 'utf8'),
      );

    const again = cli(['restore', archive], env(target, targetUrl));
    assert.ok(!again.ok, 'a second restore over restored data is refused');
    assert.match(again.out, /not empty|already holds a database/);
  });

  it('refuses what is not a backup, naming the file', () => {
    const junk = path.join(tempDir(), 'junk.tar.gz');
    const made = spawnSync('tar', ['-czf', junk, '-C', path.dirname(main), 'config.ts']);
    assert.equal(made.status, 0);
    const r = cli(['restore', junk], {
      PLAYMAKER_DATA_DIR: tempDir(),
      ...(adminUrl
        ? {
            DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
            PLAYMAKER_SECRET_KEY: TEST_SECRET_KEY,
          }
        : {}),
    });
    assert.ok(!r.ok);
    assert.match(r.out, /junk\.tar\.gz is not a Playmaker backup \(it has no manifest\.json\)/);
    assert.ok(existsSync(junk));
  });
});
