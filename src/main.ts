#!/usr/bin/env node
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { createDeps } from './deps.ts';
import { buildApp } from './http/app.ts';
import { seedIfEmpty, seedDemo } from './seed/seed.ts';

const usage = `playmaker <command>
  serve            run the API (and background jobs) — the default for npm start
  migrate          apply database migrations and exit
  seed --demo      create the demo workspace
  help             this text`;

async function main() {
  const [command = 'serve', ...args] = process.argv.slice(2);
  if (command === 'help' || command === '--help') { console.log(usage); return; }
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  await runMigrations(database);
  const deps = createDeps(config, database);

  if (command === 'migrate') { await database.close(); console.log('migrations applied'); return; }
  if (command === 'seed') {
    if (!args.includes('--demo')) throw new Error('usage: playmaker seed --demo');
    const result = await seedDemo(deps);
    printLogin(result, config.PORT);
    await database.close();
    return;
  }
  if (command !== 'serve') { console.error(usage); process.exitCode = 2; return; }

  const seeded = await seedIfEmpty(deps);
  const app = await buildApp(deps, { logger: true });
  await app.listen({ port: config.PORT, host: config.HOST });
  if (seeded) printLogin(seeded, config.PORT);
  else console.log(`Playmaker is running at http://localhost:${config.PORT}`);

  const stop = async () => { await app.close(); await database.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function printLogin(r: { email: string; password: string | null }, port: number) {
  console.log(`\nPlaymaker is running at http://localhost:${port}`);
  console.log(`Sign in as ${r.email}${r.password ? ` with password ${r.password}` : ''}\n`);
}

main().catch((err) => { console.error(err instanceof Error ? err.message : err); process.exit(1); });
