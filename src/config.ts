import { z } from 'zod';
import path from 'node:path';

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z.string().url().optional(),
    /** A direct (not pooled) PostgreSQL URL for migrations and LISTEN; defaults to DATABASE_URL. */
    PLAYMAKER_DIRECT_URL: z.string().url().optional(),
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
    PLAYMAKER_MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    PLAYMAKER_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(8 * 1024 * 1024),
    PLAYMAKER_SESSION_DAYS: z.coerce.number().int().positive().default(14),
    PLAYMAKER_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
    PLAYMAKER_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
    /** Behind a reverse proxy: `true`, or the proxy addresses/CIDRs (comma-separated) (so rate limits see real clients). */
    PLAYMAKER_TRUST_PROXY: z.string().default('false'),
    /** When set, `/metrics` needs `Authorization: Bearer <token>`. */
    PLAYMAKER_METRICS_TOKEN: z.string().min(16).optional(),
    /** S3-compatible attachment storage (bucket + access key id + secret, or none: files stay on disk). */
    PLAYMAKER_S3_BUCKET: z.string().min(1).optional(),
    /** Unset = AWS; e.g. `http://minio:9000` for MinIO-like servers. */
    PLAYMAKER_S3_ENDPOINT: z.string().url().optional(),
    /** Default `us-east-1` (what MinIO-like servers expect). */
    PLAYMAKER_S3_REGION: z.string().min(1).optional(),
    PLAYMAKER_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    PLAYMAKER_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** `true` for servers that want `endpoint/bucket/key` URLs (MinIO and most self-hosted ones). */
    PLAYMAKER_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
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
    /** OIDC single sign-on (all of issuer, client id and secret, allowed domains, or none): the provider's issuer URL. */
    PLAYMAKER_OIDC_ISSUER: z.string().url().optional(),
    PLAYMAKER_OIDC_CLIENT_ID: z.string().min(1).optional(),
    PLAYMAKER_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Comma-separated e-mail domains whose unknown users are created (as standard users) at their first SSO sign-in. */
    PLAYMAKER_OIDC_ALLOWED_DOMAINS: z.string().optional(),
    /** An ID-token claim holding `admin`, `advanced` or `standard`: the role of a user created by SSO. */
    PLAYMAKER_OIDC_ROLE_CLAIM: z.string().min(1).optional(),
    /** `false`: password sign-in is off (needs OIDC); API tokens still work. */
    PLAYMAKER_PASSWORD_LOGIN: z.enum(['true', 'false']).default('true'),
    SMTP_URL: z.string().optional(),
    SMTP_FROM: z.string().default('Playmaker <playmaker@localhost>'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .refine((e) => !e.PLAYMAKER_AI_URL || e.PLAYMAKER_AI_MODEL, {
    path: ['PLAYMAKER_AI_MODEL'],
    message: 'required with PLAYMAKER_AI_URL',
  })
  .superRefine(checkOidc)
  .superRefine(checkS3);

const oidcRequired = [
  'PLAYMAKER_OIDC_ISSUER',
  'PLAYMAKER_OIDC_CLIENT_ID',
  'PLAYMAKER_OIDC_CLIENT_SECRET',
  'PLAYMAKER_OIDC_ALLOWED_DOMAINS',
] as const;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** OIDC is all or nothing; its issuer is HTTPS except on loopback; password sign-in goes off only when SSO is on. */
function checkOidc(e: Record<string, unknown>, ctx: z.RefinementCtx) {
  const set = oidcRequired.filter((k) => e[k] !== undefined);
  if (set.length > 0 && set.length < oidcRequired.length) {
    for (const k of oidcRequired.filter((k) => e[k] === undefined))
      ctx.addIssue({ code: 'custom', path: [k], message: `required with ${set[0]}` });
  }
  const issuer =
    typeof e.PLAYMAKER_OIDC_ISSUER === 'string' ? new URL(e.PLAYMAKER_OIDC_ISSUER) : null;
  if (
    issuer &&
    issuer.protocol !== 'https:' &&
    !(issuer.protocol === 'http:' && loopbackHosts.has(issuer.hostname))
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['PLAYMAKER_OIDC_ISSUER'],
      message: 'must be https:// (http:// only on 127.0.0.1 or localhost)',
    });
  }
  if (e.PLAYMAKER_PASSWORD_LOGIN === 'false' && set.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['PLAYMAKER_PASSWORD_LOGIN'],
      message: 'false needs OIDC sign-on configured (PLAYMAKER_OIDC_*), or nobody could sign in',
    });
  }
}

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

/** The address users reach, for links in e-mails and feeds: PLAYMAKER_PUBLIC_URL, else the local port; no trailing slash. */
export function publicBaseUrl(config: Pick<Config, 'PLAYMAKER_PUBLIC_URL' | 'PORT'>): string {
  return (config.PLAYMAKER_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/** Fastify's `trustProxy` from PLAYMAKER_TRUST_PROXY. */
export function trustProxySetting(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  return value;
}

const s3Required = [
  'PLAYMAKER_S3_BUCKET',
  'PLAYMAKER_S3_ACCESS_KEY_ID',
  'PLAYMAKER_S3_SECRET_ACCESS_KEY',
] as const;

/** S3 storage is all or nothing: a half-configured bucket must not silently leave files on disk. */
function checkS3(e: Record<string, unknown>, ctx: z.RefinementCtx) {
  const set = Object.keys(e).filter((k) => k.startsWith('PLAYMAKER_S3_') && e[k] !== undefined);
  if (set.length === 0) return;
  for (const k of s3Required.filter((k) => e[k] === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [k],
      message: `required with ${set[0]} (S3 storage needs bucket, access key id and secret)`,
    });
}
