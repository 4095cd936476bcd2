import { z } from 'zod';
import path from 'node:path';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  PLAYMAKER_DATA_DIR: z.string().default('./data'),
  PLAYMAKER_PUBLIC_URL: z.string().url().optional(),
  PLAYMAKER_ADMIN_EMAIL: z.string().email().optional(),
  PLAYMAKER_ADMIN_PASSWORD: z.string().min(8).optional(),
  PLAYMAKER_ADMIN_TOKEN: z.string().min(20).optional(),
  PLAYMAKER_SECRET_KEY: z.string().optional(),
  /** What an empty database gets on first start; default `demo` embedded, `empty` (one workspace + admin) on PostgreSQL. */
  PLAYMAKER_SEED: z.enum(['demo', 'empty', 'none']).optional(),
  /** `false`: `serve` runs the API only (run `playmaker worker` processes separately). */
  PLAYMAKER_WORKERS: z.enum(['true', 'false']).default('true'),
  PLAYMAKER_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  PLAYMAKER_MAX_BODY_BYTES: z.coerce.number().int().positive().default(8 * 1024 * 1024),
  PLAYMAKER_SESSION_DAYS: z.coerce.number().int().positive().default(14),
  PLAYMAKER_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  PLAYMAKER_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Behind a reverse proxy: `true`, or the proxy addresses/CIDRs (comma-separated) (so rate limits see real clients). */
  PLAYMAKER_TRUST_PROXY: z.string().default('false'),
  /** When set, `/metrics` needs `Authorization: Bearer <token>`. */
  PLAYMAKER_METRICS_TOKEN: z.string().min(16).optional(),
  /** SMS gateway: Playmaker POSTs JSON `{ to, text }` here for SMS notification rules. */
  SMS_WEBHOOK_URL: z.string().url().optional(),
  /** Sent as `Authorization: Bearer …` to the SMS gateway. */
  SMS_WEBHOOK_TOKEN: z.string().optional(),
  /** An OpenAI-compatible API (hosted, Ollama, vLLM …), e.g. `http://127.0.0.1:11434/v1`: enables "Draft with AI". */
  PLAYMAKER_AI_URL: z.string().url().optional(),
  /** Sent as `Authorization: Bearer …` to the AI endpoint (local servers usually need none). */
  PLAYMAKER_AI_KEY: z.string().optional(),
  /** The model name the endpoint serves (required with PLAYMAKER_AI_URL). */
  PLAYMAKER_AI_MODEL: z.string().min(1).optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Playmaker <playmaker@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((e) => !e.PLAYMAKER_AI_URL || e.PLAYMAKER_AI_MODEL, { path: ['PLAYMAKER_AI_MODEL'], message: 'required with PLAYMAKER_AI_URL' });

export type Config = z.infer<typeof envSchema> & { dataDir: string };

/** Reads the environment once; on any problem lists them all and exits. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.PLAYMAKER_DATA_DIR) };
}

/** Fastify's `trustProxy` from PLAYMAKER_TRUST_PROXY. */
export function trustProxySetting(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  return value;
}
