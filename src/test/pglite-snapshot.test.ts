// The migrated PGlite snapshot every PGlite test file starts from: keyed by the migrations, built once
// when two processes ask at once, and the same database a from-scratch migration gives.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { appliedMigration, newestMigration } from '../db/journal.ts';
import { usingPostgres } from './harness.ts';
import {
  loadOrBuild,
  migrationsHash,
  snapshotFile,
  writePgliteDataDir,
} from './pglite-snapshot.ts';

const migrationsDir = path.resolve(import.meta.dirname, '../db/migrations');
const temp = mkdtempSync(path.join(tmpdir(), 'pm-snapshot-test-'));
after(() => rmSync(temp, { recursive: true, force: true }));

describe('PGlite test snapshot', () => {
  it('is keyed by the migrations: a new migration or an edited one gives a new snapshot', () => {
    const dir = path.join(temp, 'migrations');
    cpSync(migrationsDir, dir, { recursive: true });
    const key = migrationsHash(dir);
    assert.equal(key, migrationsHash(), 'a copy of the same migrations has the same key');
    assert.match(
      path.basename(snapshotFile(dir)),
      new RegExp(`^pglite-snapshot-${key}-[\\d.]+\\.tar$`),
    );

    const journalFile = path.join(dir, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      entries: Array<{ idx: number; when: number; tag: string }>;
    };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_added' });
    writeFileSync(journalFile, JSON.stringify(journal, null, 2));
    writeFileSync(path.join(dir, '9999_added.sql'), 'create table added (id int);');
    const added = migrationsHash(dir);
    assert.notEqual(added, key, 'a new migration makes a new key');
    assert.notEqual(snapshotFile(dir), snapshotFile());

    appendFileSync(path.join(dir, `${last.tag}.sql`), '\n-- edited');
    assert.notEqual(migrationsHash(dir), added, 'an edited migration makes a new key');
  });

  it('is built once for concurrent callers and loads as a freshly migrated, empty database', async (t) => {
    if (usingPostgres()) return t.skip('PGlite only');
    const dir = path.join(temp, 'snapshots');
    const file = path.join(dir, 'pglite-snapshot-current.tar');
    // A snapshot of an older migration set is removed once the current one is built.
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'pglite-snapshot-old.tar'), 'stale');

    const [a, b] = await Promise.all([loadOrBuild(file), loadOrBuild(file)]);
    assert.deepEqual(
      readdirSync(dir),
      ['pglite-snapshot-current.tar'],
      'no lock, temp or stale file',
    );
    assert.ok(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer())));

    const fromSnapshot = await openDatabase({ memory: true, loadDataDir: a });
    const fromScratch = await openDatabase({ memory: true });
    try {
      await runMigrations(fromScratch);
      assert.deepEqual(await appliedMigration(fromSnapshot.db), {
        when: newestMigration.when,
        tag: newestMigration.tag,
      });
      const snapshotShape = await shape(fromSnapshot);
      assert.deepEqual(snapshotShape, await shape(fromScratch));
      // Nothing seeded: the only rows are drizzle's record of the applied migrations.
      const withRows = Object.entries(snapshotShape.rows).filter(([, n]) => n > 0);
      assert.deepEqual(withRows, [['drizzle.__drizzle_migrations', readJournalLength()]]);
    } finally {
      await fromSnapshot.close();
      await fromScratch.close();
    }
  });

  it('fills an embedded data dir that opens migrated, without initdb', async (t) => {
    if (usingPostgres()) return t.skip('PGlite only');
    const dataDir = path.join(temp, 'data');
    await writePgliteDataDir(dataDir);
    const database = await openDatabase({ dataDir });
    try {
      assert.equal((await appliedMigration(database.db)).tag, newestMigration.tag);
    } finally {
      await database.close();
    }
  });
});

function readJournalLength(): number {
  return (
    JSON.parse(readFileSync(path.join(migrationsDir, 'meta/_journal.json'), 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;
}

/** Extensions, tables and each table's row count. */
async function shape(database: Database) {
  const pglite = database.pglite!;
  const extensions = (
    await pglite.query<{ extname: string }>('select extname from pg_extension order by 1')
  ).rows.map((r) => r.extname);
  const tables = (
    await pglite.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables
       where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'
       order by 1`,
    )
  ).rows.map((r) => r.name);
  const rows: Record<string, number> = {};
  for (const name of tables) {
    const [schema, table] = name.split('.');
    const r = await pglite.query<{ n: number }>(
      `select count(*)::int as n from "${schema}"."${table}"`,
    );
    rows[name] = r.rows[0]!.n;
  }
  return { extensions, tables, rows };
}
