import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { webhookDeliveries, webhookDisabled, webhookSettings } from '../db/schema/index.ts';
import { defineJob } from '../jobs/registry.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { credentialHeader, storedAuthSchema } from './definition.ts';
import { EgressRefused, egressPolicy } from './egress-guard.ts';
import { sendHttp, type HttpResult } from './http-send.ts';
import { nextAttemptDelay, parseRetryAfter } from './retry-policy.ts';
import { signatureHeaders, signingSecret } from './settings.ts';

export const deliverWebhookPayload = z.object({ deliveryId: z.string().regex(/^msg_[A-Za-z0-9_-]{10,40}$/), attempt: z.number().int().min(0) });

/** One attempt of one delivery. Retries are the delivery's own schedule; pg-boss retries only cover a crashed worker. */
export const deliverWebhookJob = defineJob({
  name: 'webhook-deliver',
  payload: deliverWebhookPayload,
  options: { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120, batchSize: 50, concurrency: 100 },
  handler: (deps, payload) => deliverWebhook(deps, payload),
});

export const USER_AGENT = 'Playmaker-Webhooks/1';

type Outcome =
  | { kind: 'succeeded'; result: HttpResult }
  | { kind: 'gone'; result: HttpResult }
  | { kind: 'refused'; error: string }
  | { kind: 'failed'; result: HttpResult | null; error: string };

/**
 * Makes attempt `attempt` of a delivery. The claim (`attempts = attempt` → `attempt + 1`) makes a
 * duplicate or stale job a no-op, so each attempt number is sent at most once per claim.
 */
export async function deliverWebhook(deps: Deps, payload: z.infer<typeof deliverWebhookPayload>): Promise<void> {
  const now = deps.clock.now();
  const [claimed] = await deps.db.update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now, updatedAt: now })
    .where(and(eq(webhookDeliveries.id, payload.deliveryId), eq(webhookDeliveries.attempts, payload.attempt),
      inArray(webhookDeliveries.status, ['pending', 'failed'])))
    .returning();
  if (!claimed) return;
  const [settings] = await deps.db.select().from(webhookSettings).where(eq(webhookSettings.workspaceId, claimed.workspaceId));
  if (!settings) throw new Error(`webhook settings missing for workspace ${claimed.workspaceId}`);

  const outcome = await attempt(deps, claimed, settings, now);
  const attemptsDone = claimed.attempts;
  const sinceReplay = attemptsDone - claimed.scheduleStart;
  const result = 'result' in outcome ? outcome.result : null;
  const error = 'error' in outcome ? outcome.error : outcome.kind === 'gone' ? 'HTTP 410 Gone: the receiver asked for no more deliveries' : null;
  const retryAfter = outcome.kind === 'failed' ? parseRetryAfter(result?.headers['retry-after'], now) : null;
  const delay = outcome.kind === 'failed' ? nextAttemptDelay(settings.retrySchedule, sinceReplay, retryAfter) : null;
  const status = outcome.kind === 'succeeded' ? 'succeeded' : delay !== null ? 'failed' : 'dead';
  const nextAt = delay !== null ? new Date(now.getTime() + delay * 1000) : null;

  await deps.db.transaction(async (tx) => {
    const [updated] = await tx.update(webhookDeliveries).set({
      status, nextAttemptAt: nextAt, lastStatusCode: result?.status ?? null, lastError: error,
      responseExcerpt: result?.bodyExcerpt ?? null, durationMs: result?.durationMs ?? null, updatedAt: deps.clock.now(),
    }).where(and(eq(webhookDeliveries.id, claimed.id), eq(webhookDeliveries.attempts, attemptsDone))).returning({ id: webhookDeliveries.id });
    if (!updated) return; // replayed meanwhile: the replay's attempt owns the row now
    if (nextAt) await deps.queue.send(deliverWebhookJob, { deliveryId: claimed.id, attempt: attemptsDone }, { tx, startAfter: nextAt });
    if (outcome.kind === 'gone' && claimed.playId && claimed.actionId) {
      await tx.insert(webhookDisabled).values({ workspaceId: claimed.workspaceId, playId: claimed.playId, actionId: claimed.actionId, deliveryId: claimed.id, reason: 'HTTP 410 Gone' })
        .onConflictDoNothing();
    }
    if (status !== 'failed' && claimed.accountId) {
      await recordTimeline(tx, {
        workspaceId: claimed.workspaceId, accountId: claimed.accountId, type: status === 'succeeded' ? 'webhook_succeeded' : 'webhook_failed', at: now,
        payload: { deliveryId: claimed.id, webhook: claimed.webhookName, playId: claimed.playId, actionId: claimed.actionId,
          statusCode: result?.status ?? null, attempts: attemptsDone, ...(error ? { error } : {}), ...(outcome.kind === 'gone' ? { disabled: true } : {}) },
      });
    }
  });
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type SettingsRow = typeof webhookSettings.$inferSelect;

async function attempt(deps: Deps, d: DeliveryRow, s: SettingsRow, now: Date): Promise<Outcome> {
  const body = d.body ?? '';
  const headers: Array<[string, string]> = [['user-agent', USER_AGENT], ...d.headers];
  try {
    if (d.credentialsEnc) headers.push(credentialHeader(storedAuthSchema.parse(JSON.parse(d.credentialsEnc)), deps.secrets));
    headers.push(...signatureHeaders(signingSecret(s, deps.secrets), d.id, now, body));
  } catch {
    return { kind: 'refused', error: 'The stored credentials cannot be read (was PLAYMAKER_SECRET_KEY changed?).' };
  }
  try {
    const result = await sendHttp({ method: d.method, url: d.url, headers, body: d.body, timeoutMs: s.timeoutMs }, egressPolicy(s.allowlist));
    if (result.status >= 200 && result.status < 300) return { kind: 'succeeded', result };
    if (result.status === 410) return { kind: 'gone', result };
    const redirect = result.status >= 300 && result.status < 400 ? ' (redirects are not followed)' : '';
    return { kind: 'failed', result, error: `HTTP ${result.status}${redirect}` };
  } catch (err) {
    if (err instanceof EgressRefused) return { kind: 'refused', error: `Refused: ${err.reason}` };
    return { kind: 'failed', result: null, error: (err as Error).message.slice(0, 500) };
  }
}
