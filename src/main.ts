#!/usr/bin/env node
import { loadConfig } from './config.ts';
import { loadSecretKey } from './crypto/secret-box.ts';
import { openDatabase } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { createDeps } from './deps.ts';
import { buildApp } from './http/app.ts';
import { startJobs } from './jobs/runtime.ts';
import { startChangeConsumer } from './plays/engine/consumer.ts';
import { startOutboxSender } from './notifications/outbox-sender.ts';
import { seedIfEmpty, seedDemo, type SeedResult } from './seed/seed.ts';
import { runTokenCommand, tokenUsage } from './users/token-command.ts';
import { runBackupCommand } from './ops/command.ts';
import { filesUsage, runFilesCommand } from './files/migrate-command.ts';

const usage = `playmaker <command>
  serve [--no-worker]  run the API and the background workers (PLAYMAKER_WORKERS=false: API only)
  worker               run background workers only (PostgreSQL: start as many as you like)
  migrate              apply database migrations and exit
  seed --demo          create the demo workspace
  ${tokenUsage}
                       print a new personal API token for that user
  backup <file>        write the database, attachment files and (embedded) the secret key to one .tar.gz
                       (embedded database: stop the server first)
  restore <file>       restore such a backup into an empty data dir or empty PostgreSQL database
  ${filesUsage}
                       copy attachment files from disk to the PLAYMAKER_S3_BUCKET or back (skips what is there)
  help                 this text`;

async function main() {
  const [command = 'serve', ...args] = process.argv.slice(2);
  if (command === 'help' || command === '--help') {
    console.log(usage);
    return;
  }
  if (
    !['serve', 'worker', 'migrate', 'seed', 'token', 'backup', 'restore', 'files'].includes(command)
  ) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  if (command === 'backup' || command === 'restore') {
    await runBackupCommand(config, command, args);
    return;
  }
  if (command === 'files') {
    console.log(await runFilesCommand(config, args));
    return;
  }
  // Refuse a missing key before touching the database, not after migrating it.
  if (['serve', 'worker', 'seed'].includes(command)) loadSecretKey(config);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    directUrl: config.PLAYMAKER_DIRECT_URL,
    dataDir: config.dataDir,
  });
  await runMigrations(database);
  if (command === 'migrate') {
    await database.close();
    console.log('migrations applied');
    return;
  }
  if (command === 'token') {
    try {
      console.log(await runTokenCommand(database, args));
    } finally {
      await database.close();
    }
    return;
  }
  const deps = createDeps(config, database);

  if (command === 'seed') {
    if (!args.includes('--demo')) throw new Error('usage: playmaker seed --demo');
    const jobs = await startJobs(deps, database, { work: false });
    const result = await seedDemo(deps);
    printLogin(result, config.PORT);
    await jobs.stop();
    await database.close();
    return;
  }

  const work =
    command === 'worker' || (!args.includes('--no-worker') && config.PLAYMAKER_WORKERS === 'true');
  const jobs = await startJobs(deps, database, { work });
  // Processes that run workers also run the play engine's outbox consumer (LISTEN/NOTIFY driven).
  const consumer = work ? startChangeConsumer(deps, database) : null;
  // With SMTP_URL set, worker processes also send the e-mail outbox.
  const outboxSender = work ? startOutboxSender(deps) : null;
  if (command === 'worker') {
    console.log('Playmaker worker is running');
    const stopWorker = async () => {
      await consumer?.stop();
      await outboxSender?.stop();
      await jobs.stop();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', stopWorker);
    process.once('SIGTERM', stopWorker);
    return;
  }

  const seeded = await seedIfEmpty(
    deps,
    config.PLAYMAKER_SEED ?? (config.DATABASE_URL ? 'empty' : 'demo'),
  );
  const app = await buildApp(deps, {
    logger: true,
    heartbeats: consumer ? [{ name: 'play engine', lastBeat: consumer.lastBeat }] : [],
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  if (seeded) printLogin(seeded, config.PORT);
  else
    console.log(
      `Playmaker is running at http://localhost:${config.PORT}${work ? '' : ' (API only, no workers)'}`,
    );

  const stop = async () => {
    await app.close();
    await consumer?.stop();
    await outboxSender?.stop();
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function printLogin(r: SeedResult, port: number) {
  console.log(`\nPlaymaker is running at http://localhost:${port}`);
  console.log(`Sign in as ${r.email}${r.password ? ` with password ${r.password}` : ''}`);
  if (r.demoUser)
    console.log(
      `Try the limited (standard) view as ${r.demoUser.email} with password ${r.demoUser.password}`,
    );
  console.log('');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
