import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';

/** Throws unless `url` names a loopback PostgreSQL: a bench never connects anywhere else. */
export function loopbackOnly(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
    throw new Error(`the bench only runs against a loopback PostgreSQL, not ${host}`);
}

/** Drops and recreates the bench database (loopback PostgreSQL only), then applies the migrations. */
export async function freshDatabase(
  adminUrl: string,
  name: string,
): Promise<{ url: string; database: Database }> {
  loopbackOnly(adminUrl);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await openDatabase({ url, poolSize: 4 });
  await runMigrations(database);
  return { url, database };
}
