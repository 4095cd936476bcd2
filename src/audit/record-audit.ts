import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditEvents } from '../db/schema/index.ts';
import type { AuditEvent } from './events.ts';

// Keys whose values are credentials: whatever a caller passes, only the fact of a change is kept.
const SECRET_KEY = /password|secret|token|credential|hash|authorization|^auth$|Enc$/i;

/** Replaces every value under a secret-looking key by "[redacted]", at any depth. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? redacted(v) : redactSecrets(v),
      ]),
    );
  }
  return value;
}

// A changed secret keeps its before/after shape, so the entry still says "password changed".
const redacted = (v: unknown) =>
  v && typeof v === 'object' && 'before' in v && 'after' in v
    ? { before: '[redacted]', after: '[redacted]' }
    : '[redacted]';

/**
 * Appends one audit entry. Call it with the use case's transaction so a rolled-back change leaves none.
 * The actor's name is copied in: the entry must read the same after the user is renamed.
 */
export async function recordAudit(
  tx: DbOrTx,
  actor: Actor,
  event: AuditEvent,
  at: Date,
): Promise<void> {
  await tx.insert(auditEvents).values({
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    actorName: actor.name,
    via: actor.via,
    ip: actor.ip ?? null,
    kind: event.kind,
    targetType: event.target.type,
    targetId: event.target.id,
    targetName: event.target.name,
    changes: redactSecrets(event.changes) as Record<string, unknown>,
    createdAt: at,
  });
}
