import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { taskTemplates } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { requiredVersion } from '../http/versions.ts';
import { errors } from '../http/errors.ts';
import type {
  CreateTemplateInput,
  listTemplatesQuery,
  TemplateView,
  UpdateTemplateInput,
} from './schema.ts';
import { validateTemplateInput } from './validate-template.ts';
import { readStoredActions } from './outcome-action.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { priorityName } from '../tasks/priority.ts';

const cursorShape = z.tuple([z.string(), cursorPart.id]);

type Row = typeof taskTemplates.$inferSelect;

export function templateView(r: Row): TemplateView {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    description: r.description,
    dueOffsetDays: r.dueOffsetDays,
    dueOffsetUnit: r.dueOffsetUnit,
    priority: priorityName(r.priority),
    flowId: r.flowId,
    assigneeRule: r.assigneeRule,
    outcomes: (r.outcomes as Array<{ name: string; actions?: unknown }>).map((o) => ({
      name: o.name,
      actions: readStoredActions(o.actions),
    })),
    notificationRules: r.notificationRules,
    completionRules: r.completionRules as Record<string, unknown>,
    formId: r.formId,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A live template of the caller's workspace, or 404. */
export async function loadTemplate(deps: Deps, actor: Actor, id: string): Promise<Row> {
  const [row] = await deps.db
    .select()
    .from(taskTemplates)
    .where(
      and(
        eq(taskTemplates.id, id),
        eq(taskTemplates.workspaceId, actor.workspaceId),
        isNull(taskTemplates.deletedAt),
      ),
    );
  if (!row) throw errors.notFound('Template');
  return row;
}

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
  (err as { cause?: { code?: string } }).cause?.code === '23505';
const nameTaken = () =>
  errors.validation([{ path: 'body.name', message: 'a template with this name already exists' }]);

export async function listTemplates(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof listTemplatesQuery>,
) {
  const conds = [eq(taskTemplates.workspaceId, actor.workspaceId), isNull(taskTemplates.deletedAt)];
  const key = decodeCursor(q.cursor, cursorShape);
  if (key) {
    conds.push(
      or(
        gt(taskTemplates.name, key[0]),
        and(eq(taskTemplates.name, key[0]), gt(taskTemplates.id, key[1])),
      )!,
    );
  }
  const rows = await deps.db
    .select()
    .from(taskTemplates)
    .where(and(...conds))
    .orderBy(asc(taskTemplates.name), asc(taskTemplates.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(templateView),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

export async function getTemplate(deps: Deps, actor: Actor, id: string): Promise<TemplateView> {
  return templateView(await loadTemplate(deps, actor, id));
}

export async function createTemplate(
  deps: Deps,
  actor: Actor,
  input: CreateTemplateInput,
): Promise<TemplateView> {
  requireRole(actor, 'advanced');
  const values = await validateTemplateInput(deps.db, actor.workspaceId, input);
  const now = deps.clock.now();
  try {
    const [row] = await deps.db
      .insert(taskTemplates)
      .values({
        ...values,
        workspaceId: actor.workspaceId,
        createdById: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return templateView(row!);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

/**
 * Edits a template (optimistic concurrency on `version`). Tasks already created keep what they
 * were given; tasks created afterwards use the new definition.
 */
export async function updateTemplate(
  deps: Deps,
  actor: Actor,
  id: string,
  input: Omit<UpdateTemplateInput, 'version'>,
  expectedVersion: number | undefined,
): Promise<TemplateView> {
  requireRole(actor, 'advanced');
  const current = await loadTemplate(deps, actor, id);
  if (requiredVersion(expectedVersion) !== current.version)
    throw errors.versionConflict(current.version);
  const view = templateView(current);
  const merged: CreateTemplateInput = {
    name: input.name ?? view.name,
    title: input.title ?? view.title,
    description: input.description ?? view.description,
    dueOffsetDays: input.dueOffsetDays ?? view.dueOffsetDays,
    dueOffsetUnit: input.dueOffsetUnit ?? view.dueOffsetUnit,
    priority: input.priority ?? view.priority,
    flowId: input.flowId ?? view.flowId,
    assigneeRule:
      input.assigneeRule ?? (current.assigneeRule as CreateTemplateInput['assigneeRule']),
    outcomes: input.outcomes ?? view.outcomes,
    notificationRules:
      input.notificationRules ??
      (current.notificationRules as CreateTemplateInput['notificationRules']),
    completionRules: input.completionRules ?? current.completionRules,
    formId: input.formId === undefined ? current.formId : input.formId,
  };
  const values = await validateTemplateInput(deps.db, actor.workspaceId, merged, id);
  try {
    const [row] = await deps.db
      .update(taskTemplates)
      .set({ ...values, version: sql`${taskTemplates.version} + 1`, updatedAt: deps.clock.now() })
      .where(
        and(
          eq(taskTemplates.id, id),
          eq(taskTemplates.version, current.version),
          isNull(taskTemplates.deletedAt),
        ),
      )
      .returning();
    if (!row) {
      const [now] = await deps.db
        .select({ version: taskTemplates.version })
        .from(taskTemplates)
        .where(eq(taskTemplates.id, id));
      throw errors.versionConflict(now?.version ?? current.version);
    }
    return templateView(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

/** Soft delete: it disappears from lists, while tasks made from it keep their outcome automation. */
export async function deleteTemplate(
  deps: Deps,
  actor: Actor,
  id: string,
  expected: number | null = null,
): Promise<void> {
  requireRole(actor, 'advanced');
  const current = await loadTemplate(deps, actor, id);
  if (expected !== null && expected !== current.version)
    throw errors.versionConflict(current.version);
  await deps.db
    .update(taskTemplates)
    .set({ deletedAt: deps.clock.now(), updatedAt: deps.clock.now() })
    .where(eq(taskTemplates.id, id));
}
