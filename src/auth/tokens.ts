import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { apiTokens } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { newApiToken, sha256 } from './credentials.ts';
import { recordAudit } from '../audit/record-audit.ts';

/** Creates a personal API token; the raw value is returned this once and only its hash is kept. */
export async function createApiToken(
  db: DbOrTx,
  owner: { workspaceId: string; userId: string },
  name: string,
  raw = newApiToken(),
) {
  const [row] = await db
    .insert(apiTokens)
    .values({
      workspaceId: owner.workspaceId,
      userId: owner.userId,
      name,
      tokenHash: sha256(raw),
      prefix: raw.slice(0, 8),
    })
    .returning();
  return { ...publicToken(row!), token: raw };
}

/** A signed-in user creates a token for themselves; the audit entry keeps its name and prefix, never the token. */
export async function issueApiToken(deps: Deps, actor: Actor, name: string) {
  return deps.db.transaction(async (tx) => {
    const created = await createApiToken(tx, actor, name);
    await recordAudit(
      tx,
      actor,
      {
        kind: 'api_token.created',
        target: { type: 'api_token', id: created.id, name: created.name },
        changes: { prefix: created.prefix },
      },
      deps.clock.now(),
    );
    return created;
  });
}

export async function listApiTokens(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(publicToken);
}

export async function revokeApiToken(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const done = await tx
      .update(apiTokens)
      .set({ revokedAt: deps.clock.now() })
      .where(
        and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)),
      )
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (done.length === 0) throw errors.notFound('Token');
    await recordAudit(
      tx,
      actor,
      {
        kind: 'api_token.revoked',
        target: { type: 'api_token', id, name: done[0]!.name },
        changes: {},
      },
      deps.clock.now(),
    );
  });
}

/** Revokes every live token of a user (disabling them): re-enabling later must not revive them (SPEC §10). */
export async function revokeAllApiTokensOf(tx: DbOrTx, userId: string, now: Date): Promise<void> {
  await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

function publicToken(row: typeof apiTokens.$inferSelect) {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt.toISOString() };
}
