import { and, eq, ne, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accounts, accountTeams } from '../db/schema/index.ts';
import { accountVisible, requireRole } from '../auth/access.ts';
import { recordChange } from '../events/record-change.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors } from '../http/errors.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { validateAttributes } from './attributes.ts';
import { diffAttributes, mergeAttributes, normaliseTags, sameSet } from './attribute-changes.ts';
import { attributeChangeFields, attributeTimelineEntries } from '../attributes/attribute-events.ts';
import { duplicateExternalId } from './create-account.ts';
import { checkParent, checkTeams, lockHierarchy } from './hierarchy.ts';
import type { UpdateAccountInput } from './schema.ts';

/**
 * Edits an account the caller can see, refusing stale writes (`expected` ≠ current version).
 * Standard users may edit accounts of their teams; changing the team set needs advanced.
 * A request that changes nothing bumps nothing. Returns the new version.
 */
export async function updateAccount(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateAccountInput,
  expected: number,
): Promise<number> {
  if (input.teams !== undefined) requireRole(actor, 'advanced');
  const ws = actor.workspaceId;
  const patch = input.attributes
    ? await validateAttributes(deps.db, ws, 'account', input.attributes)
    : null;
  return deps.db
    .transaction(async (tx): Promise<number> => {
      const [current] = await tx
        .select()
        .from(accounts)
        .where(
          and(
            eq(accounts.id, id),
            eq(accounts.workspaceId, ws),
            accountVisible(actor, accounts.id),
          ),
        )
        .for('no key update');
      if (!current) throw errors.notFound('Account');
      if (current.version !== expected) throw errors.versionConflict(current.version);

      const changed: string[] = [];
      const set: Partial<typeof accounts.$inferInsert> = {};
      const field = <K extends 'name' | 'externalId' | 'lifecycleStage' | 'accountType'>(
        key: K,
        value: (typeof accounts.$inferInsert)[K] | undefined,
      ) => {
        if (value !== undefined && value !== current[key]) {
          set[key] = value;
          changed.push(key);
        }
      };
      field('name', input.name);
      field('externalId', input.externalId);
      field('lifecycleStage', input.lifecycleStage);
      field('accountType', input.accountType);
      if (input.tags) {
        const tags = normaliseTags(input.tags);
        if (!sameSet(tags, current.tags)) {
          set.tags = tags;
          changed.push('tags');
        }
      }
      if (input.parentId !== undefined && input.parentId !== current.parentId) {
        if (input.parentId) {
          await lockHierarchy(tx, ws);
          await checkParent(tx, actor, id, input.parentId);
        }
        set.parentId = input.parentId;
        changed.push('parentId');
      }
      if (set.externalId) {
        const [taken] = await tx
          .select({ id: accounts.id })
          .from(accounts)
          .where(
            and(
              eq(accounts.workspaceId, ws),
              eq(accounts.externalId, set.externalId),
              ne(accounts.id, id),
            ),
          );
        if (taken) throw duplicateExternalId();
      }
      const attrChanges = patch
        ? diffAttributes(current.attributes, mergeAttributes(current.attributes, patch))
        : [];
      if (attrChanges.length) {
        set.attributes = mergeAttributes(current.attributes, patch!);
        changed.push(...attrChanges.map((c) => `attributes.${c.key}`));
      }
      if (input.teams) {
        const teamIds = await checkTeams(tx, ws, input.teams);
        const have = (
          await tx
            .select({ teamId: accountTeams.teamId })
            .from(accountTeams)
            .where(eq(accountTeams.accountId, id))
        ).map((r) => r.teamId);
        if (!sameSet(teamIds, have)) {
          await tx.delete(accountTeams).where(eq(accountTeams.accountId, id));
          if (teamIds.length)
            await tx
              .insert(accountTeams)
              .values(teamIds.map((teamId) => ({ workspaceId: ws, accountId: id, teamId })));
          changed.push('teams');
        }
      }
      if (changed.length === 0) return current.version;

      const now = deps.clock.now();
      const [row] = await tx
        .update(accounts)
        .set({ ...set, version: sql`${accounts.version} + 1`, updatedAt: now })
        .where(and(eq(accounts.id, id), eq(accounts.version, expected)))
        .returning({ version: accounts.version });
      if (!row) throw errors.versionConflict(current.version);
      await recordChange(tx, {
        workspaceId: ws,
        entity: 'account',
        entityId: id,
        accountId: id,
        kind: 'updated',
        payload: {
          changed,
          actorId: actor.userId,
          ...(attrChanges.length
            ? { attributes: attributeChangeFields(attrChanges).attributes }
            : {}),
        },
      });
      await recordTimeline(
        tx,
        attributeTimelineEntries(
          { entity: 'account', workspaceId: ws, accountId: id },
          attrChanges,
          { actorId: actor.userId },
          now,
        ),
      );
      const fields = changed.filter((c) => !c.startsWith('attributes.'));
      if (fields.length) {
        const changes = Object.fromEntries(
          fields
            .filter((f) => f !== 'teams')
            .map((f) => [
              f,
              {
                from: current[f as keyof typeof current] ?? null,
                to: set[f as keyof typeof set] ?? null,
              },
            ]),
        );
        await recordTimeline(tx, {
          workspaceId: ws,
          accountId: id,
          actorId: actor.userId,
          type: 'account_updated',
          payload: { fields, changes },
          at: now,
        });
      }
      return row.version;
    })
    .catch((err: unknown) => {
      // The check above cannot see a concurrent, uncommitted insert of the same external id; the index can.
      throw isUniqueViolation(err) ? duplicateExternalId() : err;
    });
}
