import { z } from 'zod';
import type { SecretBox } from '../crypto/secret-box.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { defaultAllowList, type AllowList } from '../templates/merge-fields.ts';
import { validateTemplate } from '../templates/render.ts';

const headerName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a valid HTTP header name');
// Headers the delivery owns: letting a template set them would break framing or forge the signature.
const reservedHeaders = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'upgrade',
  'keep-alive',
  'te',
  'trailer',
  'proxy-authorization',
  'proxy-connection',
  'expect',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
]);

const authInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('basic'),
    username: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^:\r\n]*$/, 'cannot contain ":" or line breaks'),
    password: z
      .string()
      .max(1000)
      .regex(/^[^\r\n]*$/, 'cannot contain line breaks'),
  }),
  z.object({
    type: z.literal('token'),
    header: headerName.default('Authorization'),
    value: z
      .string()
      .min(1)
      .max(4000)
      .regex(/^[^\r\n]*$/, 'cannot contain line breaks'),
  }),
]);

/**
 * A webhook action as the client writes it (SPEC §8). `auth` omitted keeps the credentials already
 * stored (when editing), `null` removes them.
 */
export const webhookActionSchema = z.object({
  name: z.string().trim().min(1).max(200),
  method: z.enum(['POST', 'PUT', 'PATCH', 'GET', 'DELETE']).default('POST'),
  urlTemplate: z.string().trim().min(1).max(2000),
  auth: authInput.nullable().optional(),
  headers: z
    .array(z.object({ name: headerName, valueTemplate: z.string().max(4000) }))
    .max(30)
    .default([]),
  bodyTemplate: z.string().max(100_000).optional(),
});
export type WebhookActionInput = z.input<typeof webhookActionSchema>;

/** Credentials as stored: the secret parts sealed with the server key. */
export const storedAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('basic'), usernameEnc: z.string(), passwordEnc: z.string() }),
  z.object({ type: z.literal('token'), header: z.string(), valueEnc: z.string() }),
]);
export type StoredAuth = z.infer<typeof storedAuthSchema>;

/** The stored form of a webhook action (inside a play's actions JSON). */
export const storedWebhookSchema = z.object({
  name: z.string(),
  method: z.enum(['POST', 'PUT', 'PATCH', 'GET', 'DELETE']),
  urlTemplate: z.string(),
  auth: storedAuthSchema.nullable(),
  headers: z.array(z.object({ name: z.string(), valueTemplate: z.string() })),
  bodyTemplate: z.string().optional(),
});
export type StoredWebhook = z.infer<typeof storedWebhookSchema>;

/** What the API shows: never credentials, only whether there are some. */
export const publicWebhookSchema = z.object({
  name: z.string(),
  method: z.enum(['POST', 'PUT', 'PATCH', 'GET', 'DELETE']),
  urlTemplate: z.string(),
  headers: z.array(z.object({ name: z.string(), valueTemplate: z.string() })),
  bodyTemplate: z.string().optional(),
  hasCredentials: z.boolean(),
  authType: z.enum(['basic', 'token']).nullable(),
  authHeader: z.string().nullable(),
});
export type PublicWebhook = z.infer<typeof publicWebhookSchema>;

// Ciphertexts are bound to their purpose so one cannot be replayed as another.
export const CREDENTIAL_CONTEXT = 'webhook-credential';

/** Template problems of a webhook definition, with paths under `path`. */
export function webhookTemplateProblems(
  w: {
    method: string;
    urlTemplate: string;
    headers: Array<{ name: string; valueTemplate: string }>;
    bodyTemplate?: string | undefined;
  },
  allow: AllowList = defaultAllowList,
  path = 'webhook',
): ErrorDetail[] {
  const problems = [...validateTemplate(w.urlTemplate, 'url', allow, `${path}.urlTemplate`)];
  w.headers.forEach((h, i) => {
    if (reservedHeaders.has(h.name.toLowerCase()))
      problems.push({
        path: `${path}.headers.${i}.name`,
        message: `"${h.name}" is set by Playmaker and cannot be overridden`,
      });
    problems.push(
      ...validateTemplate(h.valueTemplate, 'header', allow, `${path}.headers.${i}.valueTemplate`),
    );
  });
  if (w.bodyTemplate !== undefined && w.bodyTemplate.trim() !== '') {
    if (w.method === 'GET')
      problems.push({ path: `${path}.bodyTemplate`, message: 'a GET request cannot have a body' });
    problems.push(...validateTemplate(w.bodyTemplate, 'json', allow, `${path}.bodyTemplate`));
  }
  return problems;
}

/**
 * Validates a webhook action (zod + merge-field templates) and returns the form to store, with
 * credentials encrypted. Throws the one validation error with paths under `opts.path`.
 * `opts.previous` (the stored form being edited) supplies the credentials when `auth` is omitted.
 */
export function prepareWebhookForStorage(
  input: unknown,
  secretBox: SecretBox,
  opts: { allowList?: AllowList; path?: string; previous?: StoredWebhook | null } = {},
): StoredWebhook {
  const path = opts.path ?? 'webhook';
  const parsed = webhookActionSchema.safeParse(input);
  if (!parsed.success) {
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: [path, ...i.path.map(String)].join('.'),
        message: i.message,
      })),
      'The webhook is not valid.',
    );
  }
  const w = parsed.data;
  const problems = webhookTemplateProblems(w, opts.allowList, path);
  const authHeader =
    w.auth?.type === 'token' ? w.auth.header : w.auth?.type === 'basic' ? 'Authorization' : null;
  w.headers.forEach((h, i) => {
    if (authHeader && h.name.toLowerCase() === authHeader.toLowerCase()) {
      problems.push({
        path: `${path}.headers.${i}.name`,
        message: `"${h.name}" is already set by the credentials`,
      });
    }
  });
  if (problems.length) throw errors.validation(problems, 'The webhook is not valid.');
  let auth: StoredAuth | null;
  if (w.auth === undefined) auth = opts.previous?.auth ?? null;
  else if (w.auth === null) auth = null;
  else if (w.auth.type === 'basic') {
    auth = {
      type: 'basic',
      usernameEnc: secretBox.encrypt(w.auth.username, CREDENTIAL_CONTEXT),
      passwordEnc: secretBox.encrypt(w.auth.password, CREDENTIAL_CONTEXT),
    };
  } else {
    auth = {
      type: 'token',
      header: w.auth.header,
      valueEnc: secretBox.encrypt(w.auth.value, CREDENTIAL_CONTEXT),
    };
  }
  return {
    name: w.name,
    method: w.method,
    urlTemplate: w.urlTemplate,
    auth,
    headers: w.headers,
    ...(w.bodyTemplate !== undefined && w.bodyTemplate.trim() !== ''
      ? { bodyTemplate: w.bodyTemplate }
      : {}),
  };
}

/** The API view of a stored webhook: credentials are never returned, only `hasCredentials`. */
export function publicWebhook(stored: StoredWebhook): PublicWebhook {
  return {
    name: stored.name,
    method: stored.method,
    urlTemplate: stored.urlTemplate,
    headers: stored.headers,
    ...(stored.bodyTemplate !== undefined ? { bodyTemplate: stored.bodyTemplate } : {}),
    hasCredentials: stored.auth !== null,
    authType: stored.auth?.type ?? null,
    authHeader: stored.auth?.type === 'token' ? stored.auth.header : null,
  };
}

/** The header that carries the credentials, decrypted just before sending. */
export function credentialHeader(auth: StoredAuth, secretBox: SecretBox): [string, string] {
  if (auth.type === 'token')
    return [auth.header, secretBox.decrypt(auth.valueEnc, CREDENTIAL_CONTEXT)];
  const user = secretBox.decrypt(auth.usernameEnc, CREDENTIAL_CONTEXT);
  const pass = secretBox.decrypt(auth.passwordEnc, CREDENTIAL_CONTEXT);
  return ['Authorization', `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`];
}
