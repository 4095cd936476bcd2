import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { webhookDeliveries, webhookDisabled as disabledWebhooks } from '../db/schema/index.ts';
import { deliverWebhookJob } from './deliver-webhook.ts';
import type { RenderedWebhookRequest } from './render-request.ts';
import { ensureWebhookSettings } from './settings.ts';

export { deliverWebhookJob };

/** Delivery ids are what receivers de-duplicate on; the same id is sent on every attempt. */
export const newDeliveryId = () => `msg_${randomBytes(16).toString('base64url')}`;

export type WebhookDeliveryInput = {
  workspaceId: string;
  accountId: string | null;
  contactId?: string | null;
  playId?: string | null;
  actionId?: string | null;
  request: RenderedWebhookRequest;
};

/** True when a 410 Gone switched this play's webhook action off (re-enable with reenableWebhook). */
export async function webhookDisabled(
  db: DbOrTx,
  playId: string,
  actionId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ playId: disabledWebhooks.playId })
    .from(disabledWebhooks)
    .where(and(eq(disabledWebhooks.playId, playId), eq(disabledWebhooks.actionId, actionId)));
  return Boolean(row);
}

/**
 * Records a delivery and enqueues its first attempt in the caller's transaction: both commit or
 * neither does. Returns the delivery id, or null when the play's webhook was disabled by a 410.
 */
export async function enqueueWebhookDelivery(
  tx: DbOrTx,
  deps: Deps,
  input: WebhookDeliveryInput,
): Promise<string | null> {
  return (await enqueueWebhookDeliveries(tx, deps, [input]))[0] ?? null;
}

/**
 * The same for many deliveries at once (one insert for the rows, one for their jobs); ids come
 * back in input order, null where the play's webhook action is disabled.
 */
export async function enqueueWebhookDeliveries(
  tx: DbOrTx,
  deps: Deps,
  inputs: WebhookDeliveryInput[],
): Promise<Array<string | null>> {
  const disabled = new Map<string, boolean>();
  for (const i of inputs) {
    const key = i.playId && i.actionId ? `${i.playId}:${i.actionId}` : null;
    if (key && !disabled.has(key))
      disabled.set(key, await webhookDisabled(tx, i.playId!, i.actionId!));
  }
  for (const ws of new Set(inputs.map((i) => i.workspaceId)))
    await ensureWebhookSettings(tx, deps.secrets, ws);
  const now = deps.clock.now();
  const ids = inputs.map((i) =>
    i.playId && i.actionId && disabled.get(`${i.playId}:${i.actionId}`) ? null : newDeliveryId(),
  );
  const rows = inputs.flatMap((input, n) => {
    const id = ids[n];
    if (!id) return [];
    const { request } = input;
    return [
      {
        id,
        workspaceId: input.workspaceId,
        accountId: input.accountId,
        contactId: input.contactId ?? null,
        playId: input.playId ?? null,
        actionId: input.actionId ?? null,
        webhookName: request.name,
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
        credentialsEnc: request.auth ? JSON.stringify(request.auth) : null,
        status: 'pending' as const,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      },
    ];
  });
  for (let i = 0; i < rows.length; i += 1000)
    await tx.insert(webhookDeliveries).values(rows.slice(i, i + 1000));
  await deps.queue.sendMany(
    deliverWebhookJob,
    rows.map((r) => ({ deliveryId: r.id, attempt: 0 })),
    { tx },
  );
  return ids;
}
