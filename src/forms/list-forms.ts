import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { forms } from '../db/schema/index.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { describeForm, describeForms, loadForm } from './queries.ts';

const cursorShape = z.tuple([z.string(), z.uuid()]);

/** Forms, optionally only those for one account type (request-information tasks offer only those). */
export async function listForms(
  deps: Deps,
  actor: Actor,
  input: { accountType?: string; cursor?: string; limit: number },
) {
  const after = decodeCursor(input.cursor, cursorShape);
  const rows = await deps.db
    .select()
    .from(forms)
    .where(
      and(
        eq(forms.workspaceId, actor.workspaceId),
        input.accountType ? eq(forms.accountType, input.accountType) : undefined,
        after ? sql`(${forms.name}, ${forms.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(forms.name), asc(forms.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: await describeForms(deps.db, actor.workspaceId, page),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

export async function getForm(deps: Deps, actor: Actor, id: string) {
  return describeForm(deps.db, actor.workspaceId, await loadForm(deps.db, actor.workspaceId, id));
}
