import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { plays } from '../db/schema/index.ts';
import { loadVisibleAccount, requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { loadAllowList } from '../templates/merge-fields.ts';
import { loadMergeContext, sampleMergeContext } from '../templates/merge-context.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import {
  credentialHeader,
  prepareWebhookForStorage,
  storedWebhookSchema,
  type StoredWebhook,
} from './definition.ts';
import { EgressRefused, egressPolicy } from './egress-guard.ts';
import { sendHttp } from './http-send.ts';
import { USER_AGENT } from './deliver-webhook.ts';
import { renderWebhookRequest } from './render-request.ts';
import { ensureWebhookSettings, signatureHeaders, signingSecret } from './settings.ts';
import { newDeliveryId } from './enqueue-delivery.ts';
import type { testWebhookBody, testWebhookResult } from './schema.ts';

/** The stored webhook of a play action (`{ id, type: 'webhook', webhook: {...} }` or the definition inline). */
export async function findPlayWebhook(
  deps: Deps,
  workspaceId: string,
  playId: string,
  actionId: string,
): Promise<StoredWebhook> {
  const [play] = await deps.db
    .select({ actions: plays.actions })
    .from(plays)
    .where(and(eq(plays.id, playId), eq(plays.workspaceId, workspaceId)));
  if (!play) throw errors.notFound('Play');
  const actions = Array.isArray(play.actions)
    ? (play.actions as Array<Record<string, unknown>>)
    : [];
  const action = actions.find((a) => a && a.id === actionId);
  const parsed = storedWebhookSchema.safeParse(action?.webhook ?? action?.config ?? action);
  if (!action || !parsed.success) throw errors.notFound('Webhook action');
  return parsed.data;
}

/**
 * "Test connection": renders the webhook for a sample (or a chosen account/contact), sends ONE real,
 * signed request through the same egress guard as deliveries, and reports what came back.
 */
export async function testWebhook(
  deps: Deps,
  actor: Actor,
  body: z.infer<typeof testWebhookBody>,
): Promise<z.infer<typeof testWebhookResult>> {
  requireRole(actor, 'advanced');
  const saved =
    body.playId && body.actionId
      ? await findPlayWebhook(deps, actor.workspaceId, body.playId, body.actionId)
      : null;
  const allowList = await loadAllowList(deps.db, actor.workspaceId);
  const webhook =
    body.webhook !== undefined
      ? prepareWebhookForStorage(body.webhook, deps.secrets, {
          allowList,
          path: 'body.webhook',
          previous: saved,
        })
      : saved!;
  const ws = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  let context = sampleMergeContext(ws.name, ws.today);
  if (body.accountId) {
    await loadVisibleAccount(deps.db, actor, body.accountId);
    context = {
      ...context,
      ...(await loadMergeContext(deps.db, actor.workspaceId, {
        accountId: body.accountId,
        contactId: body.contactId ?? null,
      })),
    };
  }
  const request = renderWebhookRequest(webhook, context);
  const settings = await ensureWebhookSettings(deps.db, deps.secrets, actor.workspaceId);
  const headers: Array<[string, string]> = [['user-agent', USER_AGENT], ...request.headers];
  if (request.auth) headers.push(credentialHeader(request.auth, deps.secrets));
  headers.push(
    ...signatureHeaders(
      signingSecret(settings, deps.secrets),
      newDeliveryId(),
      deps.clock.now(),
      request.body ?? '',
    ),
  );
  const summary = { method: request.method, url: request.url };
  try {
    const r = await sendHttp(
      {
        method: request.method,
        url: request.url,
        headers,
        body: request.body,
        timeoutMs: settings.timeoutMs,
      },
      egressPolicy(settings.allowlist),
    );
    return {
      ok: r.status >= 200 && r.status < 300,
      request: summary,
      status: r.status,
      headers: r.headers,
      bodyExcerpt: r.bodyExcerpt,
      durationMs: r.durationMs,
      refused: null,
      error: null,
    };
  } catch (err) {
    const refused = err instanceof EgressRefused ? err.reason : null;
    return {
      ok: false,
      request: summary,
      status: null,
      headers: {},
      bodyExcerpt: '',
      durationMs: null,
      refused,
      error: refused ? null : (err as Error).message,
    };
  }
}
