import { randomUUID } from 'node:crypto';
import type { Actor, Deps } from '../context.ts';
import { accounts, accountTeams } from '../db/schema/index.ts';
import { isAdmin, requireRole } from '../auth/access.ts';
import { recordChange } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { AppError, errors, type ErrorPath } from '../http/errors.ts';
import { validateAttributes } from './attributes.ts';
import { mergeAttributes, normaliseTags } from './attribute-changes.ts';
import { checkParent, checkTeams } from './hierarchy.ts';
import type { CreateAccountInput } from './schema.ts';

export const duplicateExternalId = (path: ErrorPath = 'body.externalId') =>
  new AppError('conflict', 'Another record in this workspace already has this external id.', [
    { path, message: 'already used' },
  ]);

/**
 * A non-admin sees only accounts of their teams, so an account they create goes to their own teams
 * when they name none, and must include one of them when they do (else they could not see it).
 */
function teamsFor(actor: Actor, teams: string[] | undefined): string[] {
  if (isAdmin(actor)) return teams ?? [];
  const chosen = teams?.length ? teams : actor.teamIds;
  if (!chosen.some((t) => actor.teamIds.includes(t)))
    throw errors.validation([
      {
        path: 'body.teams',
        message: 'Include one of your teams, or you could not see this account.',
      },
    ]);
  return chosen;
}

/** Creates an account (advanced or admin); returns its id. */
export async function createAccount(
  deps: Deps,
  actor: Actor,
  input: CreateAccountInput,
): Promise<string> {
  requireRole(actor, 'advanced');
  const ws = actor.workspaceId;
  const attributes = mergeAttributes(
    {},
    await validateAttributes(deps.db, ws, 'account', input.attributes ?? {}),
  );
  const id = randomUUID();
  return deps.db.transaction(async (tx) => {
    const teamIds = await checkTeams(tx, ws, teamsFor(actor, input.teams));
    if (input.parentId) await checkParent(tx, actor, null, input.parentId);
    const now = deps.clock.now();
    const inserted = await tx
      .insert(accounts)
      .values({
        id,
        workspaceId: ws,
        externalId: input.externalId ?? id,
        name: input.name,
        parentId: input.parentId ?? null,
        lifecycleStage: input.lifecycleStage ?? null,
        accountType: input.accountType ?? 'customer',
        tags: normaliseTags(input.tags ?? []),
        attributes,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [accounts.workspaceId, accounts.externalId] })
      .returning({ id: accounts.id });
    if (inserted.length === 0) throw duplicateExternalId();
    if (teamIds.length)
      await tx
        .insert(accountTeams)
        .values(teamIds.map((teamId) => ({ workspaceId: ws, accountId: id, teamId })));
    await recordChange(tx, {
      workspaceId: ws,
      entity: 'account',
      entityId: id,
      accountId: id,
      kind: 'created',
      payload: { actorId: actor.userId },
    });
    await recordTimeline(tx, {
      workspaceId: ws,
      accountId: id,
      actorId: actor.userId,
      type: 'account_created',
      payload: { name: input.name },
      at: now,
    });
    return id;
  });
}
