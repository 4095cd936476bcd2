import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { webhookDisabled, webhookSettings } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { allowlistEntryProblem } from './egress-guard.ts';
import type { allowlistSchema, webhookSettingsSchema } from './schema.ts';
import {
  ensureWebhookSettings,
  newSigningSecret,
  SIGNING_CONTEXT,
  signingSecret,
} from './settings.ts';

const settingsTarget = (actor: Actor) => ({
  type: 'webhook_settings' as const,
  id: actor.workspaceId,
  name: null,
});

export async function getAllowlist(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin');
  const s = await ensureWebhookSettings(deps.db, deps.secrets, actor.workspaceId);
  return { entries: s.allowlist };
}

/** Replaces the hosts/CIDRs webhooks may reach despite the private-address guard (admin). */
export async function putAllowlist(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof allowlistSchema>,
) {
  requireRole(actor, 'admin');
  const problems = input.entries.flatMap((e, i) => {
    const p = allowlistEntryProblem(e);
    return p ? [{ path: `body.entries.${i}`, message: p }] : [];
  });
  if (problems.length) throw errors.validation(problems);
  const before = await ensureWebhookSettings(deps.db, deps.secrets, actor.workspaceId);
  const entries = [...new Set(input.entries.map((e) => e.trim().toLowerCase()))];
  await deps.db.transaction(async (tx) => {
    await tx
      .update(webhookSettings)
      .set({ allowlist: entries, updatedAt: deps.clock.now() })
      .where(eq(webhookSettings.workspaceId, actor.workspaceId));
    await recordAudit(
      tx,
      actor,
      {
        kind: 'webhook.allowlist_set',
        target: settingsTarget(actor),
        changes: diffOf({ entries: before.allowlist }, { entries }, ['entries']),
      },
      deps.clock.now(),
    );
  });
  return { entries };
}

export async function getWebhookSettings(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin');
  const s = await ensureWebhookSettings(deps.db, deps.secrets, actor.workspaceId);
  return { retrySchedule: s.retrySchedule, timeoutMs: s.timeoutMs };
}

export async function putWebhookSettings(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof webhookSettingsSchema>,
) {
  requireRole(actor, 'admin');
  const before = await ensureWebhookSettings(deps.db, deps.secrets, actor.workspaceId);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(webhookSettings)
      .set({
        retrySchedule: input.retrySchedule,
        timeoutMs: input.timeoutMs,
        updatedAt: deps.clock.now(),
      })
      .where(eq(webhookSettings.workspaceId, actor.workspaceId));
    await recordAudit(
      tx,
      actor,
      {
        kind: 'webhook.settings_updated',
        target: settingsTarget(actor),
        changes: diffOf<Record<string, unknown>>(before, input, ['retrySchedule', 'timeoutMs']),
      },
      deps.clock.now(),
    );
  });
  return input;
}

/** The signing secret receivers verify `webhook-signature` with (admins only). */
export async function getSigningSecret(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin');
  const s = await ensureWebhookSettings(deps.db, deps.secrets, actor.workspaceId);
  return {
    secret: signingSecret(s, deps.secrets),
    algorithm:
      'HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>", key = base64-decoded secret after "whsec_", header "webhook-signature: v1,<base64>"',
  };
}

export async function rotateSigningSecret(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin');
  await ensureWebhookSettings(deps.db, deps.secrets, actor.workspaceId);
  const secret = newSigningSecret();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(webhookSettings)
      .set({
        signingSecretEnc: deps.secrets.encrypt(secret, `${SIGNING_CONTEXT}:${actor.workspaceId}`),
        updatedAt: deps.clock.now(),
      })
      .where(eq(webhookSettings.workspaceId, actor.workspaceId));
    // The secret itself never enters the log: only that it was rotated.
    await recordAudit(
      tx,
      actor,
      { kind: 'webhook.signing_secret_rotated', target: settingsTarget(actor), changes: {} },
      deps.clock.now(),
    );
  });
  return getSigningSecret(deps, actor);
}

/** Webhook actions switched off by a 410 Gone. */
export async function listDisabledWebhooks(deps: Deps, actor: Actor) {
  requireRole(actor, 'advanced');
  const rows = await deps.db
    .select()
    .from(webhookDisabled)
    .where(eq(webhookDisabled.workspaceId, actor.workspaceId))
    .orderBy(desc(webhookDisabled.createdAt));
  return {
    data: rows.map((r) => ({
      playId: r.playId,
      actionId: r.actionId,
      deliveryId: r.deliveryId,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** Turns a 410-disabled webhook action back on (the receiver is back). */
export async function reenableWebhook(
  deps: Deps,
  actor: Actor,
  playId: string,
  actionId: string,
): Promise<void> {
  requireRole(actor, 'advanced');
  const gone = await deps.db
    .delete(webhookDisabled)
    .where(
      and(
        eq(webhookDisabled.workspaceId, actor.workspaceId),
        eq(webhookDisabled.playId, playId),
        eq(webhookDisabled.actionId, actionId),
      ),
    )
    .returning({ playId: webhookDisabled.playId });
  if (!gone.length) throw errors.notFound('Disabled webhook');
}
