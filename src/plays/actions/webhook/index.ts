// Webhook (SPEC §5 action 5, §8): one signed delivery per target, stored and enqueued for the whole
// chunk at once in the firing's transaction (delivered at least once, with a stable delivery id).
import {
  prepareWebhookForStorage,
  publicWebhook,
  type StoredWebhook,
} from '../../../webhooks/definition.ts';
import { renderWebhookRequest } from '../../../webhooks/render-request.ts';
import { enqueueWebhookDeliveries, webhookDisabled } from '../../../webhooks/enqueue-delivery.ts';
import { noCounts, type ActionCounts, type FireCtx } from '../../engine/context.ts';
import type { ActionModule, ValidateCtx } from '../module.ts';
import { count, insertResults, resultForEach } from '../results.ts';
import { mergeFor, targetDetails } from '../target-details.ts';
import { collect } from '../validate-helpers.ts';
import { webhookSchema, type WebhookAction } from './schema.ts';
import { webhookText } from './timeline-text.ts';

/** Checks the templates and seals credentials; an edit that omits `auth` keeps the stored ones. */
async function validate(ctx: ValidateCtx, action: WebhookAction) {
  const before = ctx.previous.find((x) => x.id === action.id && x.type === 'webhook') as
    WebhookAction | undefined;
  try {
    action.webhook = prepareWebhookForStorage(action.webhook, ctx.deps.secrets, {
      allowList: ctx.allow,
      path: `${ctx.at}.webhook`,
      previous: before ? (before.webhook as StoredWebhook) : null,
    });
  } catch (err) {
    collect(err, ctx.problems);
  }
  return action;
}

/**
 * Renders each target's request in code (merge fields are escaped per destination), then writes
 * every delivery of the chunk and its first job in bulk: a handful of statements per chunk, not per target.
 */
async function fire(ctx: FireCtx, action: WebhookAction): Promise<ActionCounts> {
  if (await webhookDisabled(ctx.tx, ctx.play.id, action.id))
    return count(
      await resultForEach(
        ctx,
        action.id,
        'skipped',
        JSON.stringify({ reason: 'webhook_disabled' }),
      ),
    );
  const targets = await targetDetails(ctx);
  const requests = targets.map((r) =>
    renderWebhookRequest(action.webhook as StoredWebhook, mergeFor(ctx, r)),
  );
  const ids = ctx.dryRun
    ? targets.map(() => null)
    : await enqueueWebhookDeliveries(
        ctx.tx,
        ctx.deps,
        targets.map((r, i) => ({
          workspaceId: ctx.play.workspaceId,
          accountId: r.account_id,
          contactId: r.c_id,
          playId: ctx.play.id,
          actionId: action.id,
          request: requests[i]!,
        })),
      );
  await insertResults(
    ctx,
    action.id,
    targets.map((r, i) => ({
      record_id: r.record_id,
      account_id: r.account_id,
      result: ctx.dryRun ? 'would_send' : ids[i] ? 'webhook_enqueued' : 'skipped',
      detail: { deliveryId: ids[i], method: requests[i]!.method, url: requests[i]!.url },
    })),
  );
  return { ...noCounts(), other: targets.length };
}

export const webhook: ActionModule<WebhookAction> = {
  kind: 'webhook',
  types: ['webhook'],
  schema: webhookSchema,
  manual: false,
  createsTasks: false,
  validate,
  fire,
  describeDryRun: (a) => {
    const w = a.webhook as Partial<StoredWebhook>;
    return `send the webhook "${w.name ?? ''}" (${w.method ?? 'POST'} ${w.urlTemplate ?? ''})`;
  },
  // Credentials are never returned, only whether there are some.
  toPublic: (a) => ({ ...a, webhook: publicWebhook(a.webhook as StoredWebhook) }),
  timelineText: webhookText,
};
