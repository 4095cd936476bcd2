import type { Config } from './config.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Deps } from './context.ts';
import type { Database } from './db/client.ts';
import { createDiskFileStore } from './files/store.ts';
import { createS3FileStore } from './files/s3-store.ts';
import { createMailer } from './notifications/mailer.ts';
import { unstartedQueue } from './jobs/queue.ts';
import { createSecretBox, loadSecretKey } from './crypto/secret-box.ts';

/** Wires the real dependencies for a process (tests pass their own clock). */
export function createDeps(config: Config, database: Database, clock: Clock = systemClock): Deps {
  return {
    db: database.db,
    dbKind: database.kind,
    clock,
    config,
    mailer: createMailer({
      smtpUrl: config.SMTP_URL,
      from: config.SMTP_FROM,
      clock,
      sms: { url: config.SMS_WEBHOOK_URL, token: config.SMS_WEBHOOK_TOKEN },
    }),
    files: config.PLAYMAKER_S3_BUCKET
      ? createS3FileStore(config)
      : createDiskFileStore(config.dataDir),
    // Replaced by startJobs(); until then enqueueing fails loudly.
    queue: unstartedQueue,
    secrets: createSecretBox(loadSecretKey(config)),
  };
}
