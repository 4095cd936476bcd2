import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { Database } from './client.ts';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any fixed number: every Playmaker process that migrates takes this session lock first.
const MIGRATION_LOCK = 7_245_019_337;

/**
 * Applies committed SQL migrations. On PostgreSQL a session advisory lock serialises processes that
 * start at once: the second waits, then finds nothing left to apply. The lock belongs to a session,
 * so it is taken on a connection of its own to the direct URL (PLAYMAKER_DIRECT_URL, else
 * DATABASE_URL): through PgBouncer in transaction mode the lock and the unlock could land on
 * different server connections.
 */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as Parameters<typeof migratePglite>[0], { migrationsFolder });
    return;
  }
  const url =
    database.directUrl ??
    (database.pool as unknown as { options?: { connectionString?: string } } | undefined)?.options
      ?.connectionString;
  if (!url) throw new Error('The PostgreSQL database has no connection string to migrate with.');
  const client = new pg.Client({ connectionString: url, application_name: 'playmaker-migrate' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    // Ending the session releases the lock too; the explicit unlock only makes it prompt.
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
