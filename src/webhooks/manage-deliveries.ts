import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { webhookDeliveries } from '../db/schema/index.ts';
import { accountVisible, isAdmin, requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { deliverWebhookJob } from './deliver-webhook.ts';
import type { deliveryListQuery, DeliveryView } from './schema.ts';

type Row = typeof webhookDeliveries.$inferSelect;
const STUCK_MS = 10 * 60_000;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function deliveryView(r: Row): DeliveryView {
  return {
    id: r.id,
    status: r.status,
    webhookName: r.webhookName,
    playId: r.playId,
    actionId: r.actionId,
    accountId: r.accountId,
    contactId: r.contactId,
    request: {
      method: r.method,
      url: r.url,
      headers: r.headers.map(([name, value]) => ({ name, value })),
      body: r.body,
    },
    hasCredentials: r.credentialsEnc !== null,
    attempts: r.attempts,
    nextAttemptAt: iso(r.nextAttemptAt),
    lastAttemptAt: iso(r.lastAttemptAt),
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    responseExcerpt: r.responseExcerpt,
    durationMs: r.durationMs,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

// Deliveries on accounts the caller cannot see are not theirs to inspect (admins see all).
function visible(actor: Actor): SQL {
  return isAdmin(actor)
    ? sql`true`
    : or(isNull(webhookDeliveries.accountId), accountVisible(actor, webhookDeliveries.accountId))!;
}

const cursorShape = z.tuple([cursorPart.instant, cursorPart.id]);
const cursorOf = (r: Row) => encodeCursor([r.createdAt.toISOString(), r.id]);

/** Newest first; filters by status, play and account. */
export async function listDeliveries(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof deliveryListQuery>,
) {
  requireRole(actor, 'advanced');
  const conds: SQL[] = [eq(webhookDeliveries.workspaceId, actor.workspaceId), visible(actor)];
  if (q.status) conds.push(eq(webhookDeliveries.status, q.status));
  if (q.playId) conds.push(eq(webhookDeliveries.playId, q.playId));
  if (q.accountId) conds.push(eq(webhookDeliveries.accountId, q.accountId));
  const after = decodeCursor(q.cursor, cursorShape);
  if (after) {
    const [at, id] = after;
    const when = new Date(at);
    conds.push(
      or(
        lt(webhookDeliveries.createdAt, when),
        and(eq(webhookDeliveries.createdAt, when), lt(webhookDeliveries.id, id)),
      )!,
    );
  }
  const rows = await deps.db
    .select()
    .from(webhookDeliveries)
    .where(and(...conds))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    data: page.map(deliveryView),
    nextCursor: rows.length > q.limit ? cursorOf(page[page.length - 1]!) : null,
  };
}

async function loadDelivery(deps: Deps, actor: Actor, id: string): Promise<Row> {
  const [row] = await deps.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.id, id),
        eq(webhookDeliveries.workspaceId, actor.workspaceId),
        visible(actor),
      ),
    );
  if (!row) throw errors.notFound('Delivery');
  return row;
}

export async function getDelivery(deps: Deps, actor: Actor, id: string): Promise<DeliveryView> {
  requireRole(actor, 'advanced');
  return deliveryView(await loadDelivery(deps, actor, id));
}

/**
 * Sends a dead (or failing) delivery again under the SAME delivery id: status back to pending,
 * an immediate attempt, and the retry schedule starting over from this attempt.
 */
export async function replayDelivery(deps: Deps, actor: Actor, id: string): Promise<DeliveryView> {
  requireRole(actor, 'advanced');
  const current = await loadDelivery(deps, actor, id);
  const now = deps.clock.now();
  // A pending delivery whose attempt started long ago lost its worker mid-flight: it may be replayed too.
  const stuck =
    current.status === 'pending' &&
    current.lastAttemptAt !== null &&
    now.getTime() - current.lastAttemptAt.getTime() > STUCK_MS;
  if (current.status !== 'dead' && current.status !== 'failed' && !stuck)
    throw errors.conflict(
      `Only dead or failed deliveries can be replayed; this one is ${current.status}.`,
    );
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({
        status: 'pending',
        scheduleStart: current.attempts,
        nextAttemptAt: now,
        updatedAt: now,
      })
      .where(
        and(
          eq(webhookDeliveries.id, id),
          eq(webhookDeliveries.attempts, current.attempts),
          inArray(webhookDeliveries.status, ['dead', 'failed', 'pending']),
        ),
      )
      .returning();
    if (!row)
      throw errors.conflict('The delivery changed while replaying it; reload and try again.');
    await deps.queue.send(deliverWebhookJob, { deliveryId: id, attempt: row.attempts }, { tx });
    return deliveryView(row);
  });
}
