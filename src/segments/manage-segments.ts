import { and, asc, eq, gt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { segments } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { errors } from '../http/errors.ts';
import { compileCriteria } from './compile.ts';
import type { Criteria } from './criteria.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { loadSegment, segmentReferences, toSegmentOut } from './queries.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';

const cursorShape = z.tuple([z.string(), cursorPart.id]);

type Input = { name: string; subject: 'accounts' | 'contacts'; criteria: Criteria };

/** Compiling is the validation: unknown attributes, wrong literal types and cycles are refused. */
async function checkCriteria(
  deps: Deps,
  actor: Actor,
  subject: Input['subject'],
  criteria: Criteria,
  selfSegmentId?: string,
) {
  const { today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  await compileCriteria(deps.db, actor.workspaceId, subject, criteria, {
    today,
    path: 'body.criteria',
    selfSegmentId,
  });
}

export async function createSegment(deps: Deps, actor: Actor, input: Input) {
  requireRole(actor, 'advanced');
  await checkCriteria(deps, actor, input.subject, input.criteria);
  const [row] = await deps.db
    .insert(segments)
    .values({
      workspaceId: actor.workspaceId,
      name: input.name,
      subject: input.subject,
      criteria: input.criteria,
      createdBy: actor.userId,
    })
    .returning();
  return toSegmentOut(row!);
}

export async function updateSegment(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<Omit<Input, 'subject'>>,
) {
  requireRole(actor, 'advanced');
  const current = await loadSegment(deps.db, actor.workspaceId, id);
  if (patch.criteria) await checkCriteria(deps, actor, current.subject, patch.criteria, id);
  const [row] = await deps.db
    .update(segments)
    .set({
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.criteria ? { criteria: patch.criteria } : {}),
      updatedAt: deps.clock.now(),
    })
    .where(and(eq(segments.id, id), eq(segments.workspaceId, actor.workspaceId)))
    .returning();
  return toSegmentOut(row!);
}

export async function deleteSegment(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'advanced');
  await loadSegment(deps.db, actor.workspaceId, id);
  const users = await segmentReferences(deps.db, actor.workspaceId, id);
  if (users.length)
    throw errors.conflict(
      `This segment is used by: ${users.slice(0, 5).join(', ')}. Remove those references first.`,
    );
  await deps.db
    .delete(segments)
    .where(and(eq(segments.id, id), eq(segments.workspaceId, actor.workspaceId)));
}

/** Everyone may read segments (standard users filter work by them); writing needs advanced. */
export async function getSegment(deps: Deps, actor: Actor, id: string) {
  return toSegmentOut(await loadSegment(deps.db, actor.workspaceId, id));
}

export async function listSegments(
  deps: Deps,
  actor: Actor,
  q: { limit: number; cursor?: string; subject?: 'accounts' | 'contacts' },
) {
  const after = decodeCursor(q.cursor, cursorShape);
  const rows = await deps.db
    .select()
    .from(segments)
    .where(
      and(
        eq(segments.workspaceId, actor.workspaceId),
        q.subject ? eq(segments.subject, q.subject) : undefined,
        after
          ? or(
              gt(segments.name, after[0]),
              and(eq(segments.name, after[0]), gt(segments.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(asc(segments.name), asc(segments.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(toSegmentOut),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
