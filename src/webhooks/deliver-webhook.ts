import { and, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { webhookDeliveries, webhookDisabled, webhookSettings } from '../db/schema/index.ts';
import { intArray, textArray } from '../db/arrays.ts';
import { defineJob } from '../jobs/registry.ts';
import { recordTimeline, type TimelineEntry } from '../timeline/record-event.ts';
import { credentialHeader, storedAuthSchema } from './definition.ts';
import { recordDeadLetterFeed } from './dead-letter-feed.ts';
import { EgressRefused, egressPolicy } from './egress-guard.ts';
import { sendHttp, type HttpResult } from './http-send.ts';
import { nextAttemptDelay, parseRetryAfter } from './retry-policy.ts';
import { signatureHeaders, signingSecret } from './settings.ts';

export const deliverWebhookPayload = z.object({
  deliveryId: z.string().regex(/^msg_[A-Za-z0-9_-]{10,40}$/),
  attempt: z.number().int().min(0),
});
type Payload = z.infer<typeof deliverWebhookPayload>;

/** One attempt of a delivery. Retries follow the delivery's own schedule; pg-boss retries only cover a crashed worker. */
export const deliverWebhookJob = defineJob({
  name: 'webhook-deliver',
  payload: deliverWebhookPayload,
  options: {
    retryLimit: 3,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 90,
    batchSize: 100,
    concurrency: 200,
  },
  handler: (deps, payload) => deliverWebhooks(deps, [payload]),
  batchHandler: (deps, items) =>
    deliverWebhooks(
      deps,
      items.map((i) => i.payload),
    ),
});

export const USER_AGENT = 'Playmaker-Webhooks/1';
/** Longer than the largest send timeout (60 s); shorter than pg-boss's retry of a lost job (expiry 90 s + retry delay 30 s). */
const STALE_CLAIM_MS = 90_000;

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type SettingsRow = typeof webhookSettings.$inferSelect;
type Outcome =
  | { kind: 'succeeded'; result: HttpResult }
  | { kind: 'gone'; result: HttpResult }
  | { kind: 'refused'; error: string }
  | { kind: 'failed'; result: HttpResult | null; error: string };

/**
 * Makes one attempt for each delivery in the batch. The claim (`attempts = n` → `n + 1`, one
 * statement for the batch) turns a duplicate or stale job into a no-op; requests go out in
 * parallel; the results are written back in one transaction (one UPDATE, one timeline insert).
 */
export async function deliverWebhooks(deps: Deps, payloads: Payload[]): Promise<void> {
  if (payloads.length === 0) return;
  const now = deps.clock.now();
  const pairs = sql`(select * from unnest(${textArray(payloads.map((p) => p.deliveryId))}, ${intArray(payloads.map((p) => p.attempt))}))`;
  const fresh = sql`(${webhookDeliveries.id}, ${webhookDeliveries.attempts}) in ${pairs}`;
  // A worker that died after claiming attempt n left attempts = n + 1 and claimed_at set; pg-boss's
  // retry of the job for n takes that attempt over (same number) once the claim is older than any send.
  const abandoned = sql`(${webhookDeliveries.id}, ${webhookDeliveries.attempts} - 1) in ${pairs}
    and ${webhookDeliveries.claimedAt} < ${new Date(now.getTime() - STALE_CLAIM_MS)}`;
  const claimed = await deps.db
    .update(webhookDeliveries)
    .set({
      attempts: sql`case when ${fresh} then ${webhookDeliveries.attempts} + 1 else ${webhookDeliveries.attempts} end`,
      claimedAt: now,
      lastAttemptAt: now,
      updatedAt: now,
    })
    .where(and(or(fresh, abandoned), inArray(webhookDeliveries.status, ['pending', 'failed'])))
    .returning();
  if (claimed.length === 0) return;
  const settingsRows = await deps.db
    .select()
    .from(webhookSettings)
    .where(inArray(webhookSettings.workspaceId, [...new Set(claimed.map((d) => d.workspaceId))]));
  const settingsOf = new Map(settingsRows.map((s) => [s.workspaceId, s]));
  const outcomes = await Promise.all(
    claimed.map((d) => {
      const s = settingsOf.get(d.workspaceId);
      return s
        ? attempt(deps, d, s, now)
        : Promise.resolve<Outcome>({ kind: 'refused', error: 'webhook settings are missing' });
    }),
  );

  const updates = claimed.map((d, i) => {
    const outcome = outcomes[i]!;
    const s = settingsOf.get(d.workspaceId);
    const result = 'result' in outcome ? outcome.result : null;
    const error =
      'error' in outcome
        ? outcome.error
        : outcome.kind === 'gone'
          ? 'HTTP 410 Gone: the receiver asked for no more deliveries'
          : null;
    const retryAfter =
      outcome.kind === 'failed' ? parseRetryAfter(result?.headers['retry-after'], now) : null;
    const delay =
      outcome.kind === 'failed' && s
        ? nextAttemptDelay(s.retrySchedule, d.attempts - d.scheduleStart, retryAfter)
        : null;
    const status = outcome.kind === 'succeeded' ? 'succeeded' : delay !== null ? 'failed' : 'dead';
    return {
      d,
      outcome,
      result,
      error,
      status,
      nextAt: delay !== null ? new Date(now.getTime() + delay * 1000) : null,
    };
  });

  await deps.db.transaction(async (tx) => {
    const json = JSON.stringify(
      updates.map((u) => ({
        id: u.d.id,
        attempts: u.d.attempts,
        status: u.status,
        next_at: u.nextAt?.toISOString() ?? null,
        code: u.result?.status ?? null,
        error: u.error,
        excerpt: u.result?.bodyExcerpt ?? null,
        ms: u.result?.durationMs ?? null,
      })),
    );
    // Guarded by the claimed attempt number: a replay that happened meanwhile owns the row.
    const written =
      (await tx.execute(sql`update webhook_deliveries d set status = v.status, next_attempt_at = v.next_at, last_status_code = v.code,
        last_error = v.error, response_excerpt = v.excerpt, duration_ms = v.ms, claimed_at = null, updated_at = ${deps.clock.now()}
      from jsonb_to_recordset(${json}::jsonb) as v(id text, attempts int, status text, next_at timestamptz, code int, error text, excerpt text, ms int)
      where d.id = v.id and d.attempts = v.attempts returning d.id`)) as unknown as {
        rows: Array<{ id: string }>;
      };
    const owned = new Set(written.rows.map((r) => r.id));
    const timeline: TimelineEntry[] = [];
    for (const u of updates) {
      if (!owned.has(u.d.id)) continue;
      if (u.nextAt)
        await deps.queue.send(
          deliverWebhookJob,
          { deliveryId: u.d.id, attempt: u.d.attempts },
          { tx, startAfter: u.nextAt },
        );
      if (u.outcome.kind === 'gone' && u.d.playId && u.d.actionId) {
        await tx
          .insert(webhookDisabled)
          .values({
            workspaceId: u.d.workspaceId,
            playId: u.d.playId,
            actionId: u.d.actionId,
            deliveryId: u.d.id,
            reason: 'HTTP 410 Gone',
          })
          .onConflictDoNothing();
      }
      if (u.status !== 'failed' && u.d.accountId) {
        timeline.push({
          workspaceId: u.d.workspaceId,
          accountId: u.d.accountId,
          type: u.status === 'succeeded' ? 'webhook_succeeded' : 'webhook_failed',
          at: now,
          payload: {
            deliveryId: u.d.id,
            webhook: u.d.webhookName,
            playId: u.d.playId,
            actionId: u.d.actionId,
            statusCode: u.result?.status ?? null,
            attempts: u.d.attempts,
            ...(u.error ? { error: u.error } : {}),
            ...(u.outcome.kind === 'gone' ? { disabled: true } : {}),
          },
        });
      }
    }
    await recordTimeline(tx, timeline);
    await recordDeadLetterFeed(
      tx,
      updates
        .filter((u) => u.status === 'dead' && owned.has(u.d.id))
        .map((u) => ({
          workspaceId: u.d.workspaceId,
          deliveryId: u.d.id,
          webhook: u.d.webhookName,
          accountId: u.d.accountId,
          statusCode: u.result?.status ?? null,
          attempts: u.d.attempts,
          error: u.error,
        })),
      now,
    );
  });
}

async function attempt(deps: Deps, d: DeliveryRow, s: SettingsRow, now: Date): Promise<Outcome> {
  const body = d.body ?? '';
  const headers: Array<[string, string]> = [['user-agent', USER_AGENT], ...d.headers];
  try {
    if (d.credentialsEnc)
      headers.push(
        credentialHeader(storedAuthSchema.parse(JSON.parse(d.credentialsEnc)), deps.secrets),
      );
    headers.push(...signatureHeaders(signingSecret(s, deps.secrets), d.id, now, body));
  } catch {
    return {
      kind: 'refused',
      error: 'The stored credentials cannot be read (was PLAYMAKER_SECRET_KEY changed?).',
    };
  }
  try {
    const result = await sendHttp(
      { method: d.method, url: d.url, headers, body: d.body, timeoutMs: s.timeoutMs },
      egressPolicy(s.allowlist),
    );
    if (result.status >= 200 && result.status < 300) return { kind: 'succeeded', result };
    if (result.status === 410) return { kind: 'gone', result };
    const redirect =
      result.status >= 300 && result.status < 400 ? ' (redirects are not followed)' : '';
    return { kind: 'failed', result, error: `HTTP ${result.status}${redirect}` };
  } catch (err) {
    if (err instanceof EgressRefused) return { kind: 'refused', error: `Refused: ${err.reason}` };
    return { kind: 'failed', result: null, error: (err as Error).message.slice(0, 500) };
  }
}
