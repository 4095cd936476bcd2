// The live hub's reads: new change_events rows by id (the primary key; never claimed or marked, so the
// play engine's outbox is untouched), the accounts a user may see among a batch's, and who is still signed in.
import { sql } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { Db } from '../db/client.ts';
import { int8Array, textArray, uuidArray } from '../db/arrays.ts';
import { queryRows } from '../db/rows.ts';
import { accountVisible } from '../auth/access.ts';
import type { ChangeEntity, ChangeKind } from '../events/payloads.ts';

/** One change as the hub fans it out: where, what and which record. */
export type LiveRow = {
  id: number;
  workspaceId: string;
  /** `play_run` + `fired`: a play run created tasks (the engine's own writes); `feed`: see `feedUsers`. */
  entity: ChangeEntity;
  kind: ChangeKind;
  entityId: string;
  accountId: string | null;
  /** A `feed` row's recipients: the users whose feed got items (null for every other entity). */
  feedUsers: string[] | null;
};

/** A row as stored: a play run's row also names the accounts that got tasks (null: too many to list). */
type StoredRow = LiveRow & { runAccounts: string[] | null };

const columns = sql`id, workspace_id as "workspaceId", entity, kind, entity_id as "entityId",
  account_id as "accountId",
  case when entity = 'play_run' then payload->'accountIds' end as "runAccounts",
  case when entity = 'feed' then payload->'userIds' end as "feedUsers"`;

/**
 * A play run's row becomes one row per account that got tasks, so each tab hears only about accounts
 * it may see; a run over too many accounts to list stays one row without an account.
 */
function perAccount(rows: StoredRow[]): LiveRow[] {
  return rows.flatMap(({ runAccounts, ...r }) => {
    const row = { ...r, id: Number(r.id) };
    if (r.entity !== 'play_run' || !runAccounts || row.accountId) return [row];
    return runAccounts.map((accountId) => ({ ...row, accountId }));
  });
}

/** The newest id so far (0 for an empty table). */
export async function newestChangeId(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: number | null }>(
    db,
    sql`select max(id)::int8 as id from change_events`,
  );
  return Number(row?.id ?? 0);
}

/** The oldest id still stored (rows are pruned after a day), or null for an empty table. */
export async function oldestChangeId(db: Db): Promise<number | null> {
  const [row] = await queryRows<{ id: number | null }>(
    db,
    sql`select min(id)::int8 as id from change_events`,
  );
  return row?.id == null ? null : Number(row.id);
}

/** Rows after `after`, in id order. */
export async function changesAfter(db: Db, after: number, limit: number): Promise<LiveRow[]> {
  const rows = await queryRows<StoredRow>(
    db,
    sql`select ${columns} from change_events where id > ${after} order by id limit ${limit}`,
  );
  return perAccount(rows);
}

/** Rows in (`after`, `below`) not among `known`: transactions that took an id earlier but committed later. */
export async function lateChanges(
  db: Db,
  after: number,
  below: number,
  known: number[],
): Promise<LiveRow[]> {
  const rows = await queryRows<StoredRow>(
    db,
    sql`select ${columns} from change_events where id > ${after} and id < ${below}
      and not (id = any(${int8Array(known)})) order by id`,
  );
  return perAccount(rows);
}

/** One workspace's rows in (`after`, `upTo`], for a reconnecting tab (Last-Event-ID). */
export async function workspaceChangesBetween(
  db: Db,
  workspaceId: string,
  after: number,
  upTo: number,
  limit: number,
): Promise<LiveRow[]> {
  const rows = await queryRows<StoredRow>(
    db,
    sql`select ${columns} from change_events where workspace_id = ${workspaceId}
      and id > ${after} and id <= ${upTo} order by id limit ${limit}`,
  );
  return perAccount(rows);
}

/** Which of `accountIds` the actor may see, by the one access rule (`accountVisible`): one query per batch and user. */
export async function visibleAccountIds(
  db: Db,
  actor: Actor,
  accountIds: string[],
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select a.id from accounts a where a.workspace_id = ${actor.workspaceId}
      and a.id = any(${uuidArray(accountIds)}) and ${accountVisible(actor, sql`a.id`)}`,
  );
  return new Set(rows.map((r) => r.id));
}

/** A stream's credential: the sha256 of its session cookie or of its API token. */
export type Credential = { kind: 'session' | 'token'; hash: string };

/** The user behind each credential that still works (session unexpired or token unrevoked, user enabled), with their role and teams now. */
export async function stillSignedIn(
  db: Db,
  credentials: Credential[],
  now: Date,
): Promise<Map<string, Pick<Actor, 'role' | 'teamIds'>>> {
  const sessions = credentials.filter((c) => c.kind === 'session').map((c) => c.hash);
  const tokens = credentials.filter((c) => c.kind === 'token').map((c) => c.hash);
  const teams = sql`array(select tm.team_id::text from team_members tm where tm.user_id = u.id)`;
  const rows = await queryRows<{ hash: string; role: Actor['role']; teamIds: string[] }>(
    db,
    sql`select s.id_hash as hash, u.role, ${teams} as "teamIds"
        from sessions s join users u on u.id = s.user_id
        where s.id_hash = any(${textArray(sessions)}) and s.expires_at > ${now.toISOString()}::timestamptz
          and u.enabled
      union all
      select t.token_hash, u.role, ${teams}
        from api_tokens t join users u on u.id = t.user_id
        where t.token_hash = any(${textArray(tokens)}) and t.revoked_at is null and u.enabled`,
  );
  return new Map(rows.map((r) => [r.hash, { role: r.role, teamIds: asArray(r.teamIds) }]));
}

const asArray = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map(String)
    : String(v ?? '')
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);
