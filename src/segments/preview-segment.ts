import { queryRows } from '../db/rows.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accountVisible } from '../auth/access.ts';
import { compileCriteria, type Subject } from './compile.ts';
import type { Criteria } from './criteria.ts';
import { loadSegment } from './queries.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';

const PAGE = 50;

/** Count and first page of the records matching criteria; non-admins only ever see their teams' accounts. */
export async function previewCriteria(
  deps: Deps,
  actor: Actor,
  subject: Subject,
  criteria: Criteria,
  path = 'body.criteria',
) {
  const { today, now } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
  const cond = await compileCriteria(deps.db, actor.workspaceId, subject, criteria, {
    today,
    now,
    path,
    viewer: actor,
  });
  const visible = accountVisible(actor, sql`a.id`);
  const from: SQL =
    subject === 'accounts'
      ? sql`from accounts a where a.workspace_id = ${actor.workspaceId} and ${visible} and ${cond}`
      : sql`from contacts c join accounts a on a.id = c.account_id where c.workspace_id = ${actor.workspaceId} and ${visible} and ${cond}`;
  const [countRow] = await queryRows<{ n: number }>(
    deps.db,
    sql`select count(*)::int as n ${from}`,
  );
  const rows =
    subject === 'accounts'
      ? await queryRows<Row>(
          deps.db,
          sql`select a.id, a.name, a.external_id, a.id as account_id, a.name as account_name, null as email,
        a.lifecycle_stage, a.tags ${from} order by a.name, a.id limit ${PAGE}`,
        )
      : await queryRows<Row>(
          deps.db,
          sql`select c.id, trim(c.first_name || ' ' || c.last_name) as name, c.external_id, a.id as account_id,
        a.name as account_name, c.email, a.lifecycle_stage, c.tags ${from} order by c.last_name, c.first_name, c.id limit ${PAGE}`,
        );
  return {
    count: Number(countRow?.n ?? 0),
    data: rows.map((r) => ({
      id: r.id,
      name: r.name,
      externalId: r.external_id,
      accountId: r.account_id,
      accountName: r.account_name,
      email: r.email,
      lifecycleStage: r.lifecycle_stage,
      tags: r.tags ?? [],
    })),
  };
}

type Row = {
  id: string;
  name: string;
  external_id: string;
  account_id: string;
  account_name: string;
  email: string | null;
  lifecycle_stage: string | null;
  tags: string[] | null;
};

export async function previewSegment(deps: Deps, actor: Actor, id: string) {
  const seg = await loadSegment(deps.db, actor.workspaceId, id);
  return previewCriteria(deps, actor, seg.subject, seg.criteria as Criteria, 'criteria');
}
