import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Mailer } from './notifications/mailer.ts';
import type { FileStore } from './files/store.ts';
import type { Queue } from './jobs/queue.ts';
import type { SecretBox } from './crypto/secret-box.ts';

export type { Clock } from './clock.ts';

/** What every use case may depend on, passed explicitly. */
export type Deps = {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  config: Config;
  mailer: Mailer;
  files: FileStore;
  /** Background jobs (pg-boss); set by startJobs(). */
  queue: Queue;
  /** Credential encryption and link signing with the server secret. */
  secrets: SecretBox;
};

/** The authenticated caller, resolved once per request. */
export type Actor = {
  userId: string;
  workspaceId: string;
  role: 'admin' | 'advanced' | 'standard';
  name: string;
  email: string;
  teamIds: string[];
  /** How the caller authenticated: cookie sessions need CSRF checks, tokens do not. */
  via: 'session' | 'token';
  /** The client's address (behind a proxy, as Fastify's trustProxy resolves it); for the audit log. */
  ip?: string;
};
