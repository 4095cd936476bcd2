import { sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { isEventPlay, type Play } from '../queries.ts';
import { applyMemberships } from './membership.ts';
import { enabledPlays, loadEnv, readsTasks } from './env.ts';
import { handleTaskCompleted } from './task-completed.ts';
import { wakeJourneys } from '../journeys/wake.ts';
import { fireRunFor } from './fire.ts';
import { eligibleFor } from './chain.ts';
import { readByEngine, type ChangeRow, type ClaimedRow } from './change-row.ts';
import { isTransient, logFailure } from './errors.ts';
import { uuidArray } from '../../db/arrays.ts';

/**
 * Consumes one batch of the change outbox: claims unprocessed rows in id order with
 * `FOR UPDATE SKIP LOCKED` (so several workers split the work), evaluates every enabled event
 * play for just the changed records, fires task-completed plays, and marks the rows processed —
 * all in one transaction, so a crash leaves the batch to be claimed again. Returns rows handled.
 */
export async function processChanges(
  deps: Deps,
  opts: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = opts.batchSize ?? 1000;
  return deps.db.transaction(async (tx) => {
    const claimed = await queryRows<ClaimedRow>(
      tx,
      sql`
      update change_events e set processed_at = ${deps.clock.now()}
      from (select id from change_events where processed_at is null order by id limit ${batchSize} for update skip locked) s
      where e.id = s.id
      returning e.id, e.workspace_id, e.entity, e.entity_id, e.account_id, e.kind, e.payload`,
    );
    if (claimed.length === 0) return 0;
    const events = claimed.filter(readByEngine);
    events.sort((a, b) => a.id - b.id);
    const byWorkspace = new Map<string, ChangeRow[]>();
    for (const e of events) {
      const list = byWorkspace.get(e.workspace_id);
      if (list) list.push(e);
      else byWorkspace.set(e.workspace_id, [e]);
    }
    for (const [ws, list] of byWorkspace) await processWorkspace(tx, deps, ws, list);
    return claimed.length;
  });
}

async function processWorkspace(tx: DbOrTx, deps: Deps, workspaceId: string, events: ChangeRow[]) {
  const env = await loadEnv(tx, workspaceId, deps.clock);
  // No early return when no play is enabled: template outcome actions below run without any play.
  const enabled = await enabledPlays(tx, env);
  env.taskEvents = enabled.some(readsTasks);
  // Plays that see the same events (the usual case: no play-made writes in the batch) share one statement.
  const groups = new Map<string, { plays: Play[]; events: ChangeRow[] }>();
  for (const play of enabled.filter(isEventPlay)) {
    const eligible = events.filter((e) => eligibleFor(play, e));
    if (eligible.length === 0) continue;
    const key = eligible.map((e) => e.id).join(',');
    const g = groups.get(key) ?? { plays: [], events: eligible };
    g.plays.push(play);
    groups.set(key, g);
  }
  if (groups.size > 0) await lockAccounts(tx, events);
  for (const { plays: group, events: eligible } of groups.values()) {
    const accountIds = new Set<string>();
    const contactIds = new Set<string>();
    for (const e of eligible) {
      if (e.account_id) accountIds.add(e.account_id);
      if (e.entity === 'account') accountIds.add(e.entity_id);
      if (e.entity === 'contact') contactIds.add(e.entity_id);
    }
    const o = {
      scope: { accountIds: [...accountIds], contactIds: [...contactIds] },
      fire: true,
      kind: 'event' as const,
      triggeredBy: null,
      chain: longestChain(eligible),
      env,
    };
    try {
      // Optimistic: every play of the group in one savepoint; if one fails, redo them one by one.
      await tx.transaction((sp) => applyMemberships(sp, deps, group, o));
    } catch (err) {
      if (isTransient(err)) throw err;
      if (group.length === 1) {
        logFailure(deps, group[0]!, err);
        continue;
      }
      for (const play of group) {
        // A savepoint per play: one play whose criteria no longer evaluate must not block the others.
        await tx
          .transaction((sp) => applyMemberships(sp, deps, [play], o))
          .catch((e) => {
            // A deadlock or lost connection must not drop the events: the batch rolls back and is retried.
            if (isTransient(e)) throw e;
            logFailure(deps, play, e);
          });
      }
    }
  }
  for (const e of events) {
    if (e.entity === 'task' && e.kind === 'completed')
      await handleTaskCompleted(tx, deps, e, enabled, env);
  }
  await wakeJourneys(tx, deps, events, enabled, env.now, fireRunFor);
}

/**
 * Serialises evaluation per account across workers until this batch commits: without it, two
 * workers holding different events for one account could each judge it from a snapshot that misses
 * the other's uncommitted membership change (an exit would go unseen). Locks are taken in one
 * statement in sorted order, so two batches cannot deadlock on them.
 */
async function lockAccounts(tx: DbOrTx, events: ChangeRow[]) {
  const ids = [
    ...new Set(
      events
        .map((e) => e.account_id ?? (e.entity === 'account' ? e.entity_id : null))
        .filter((x): x is string => Boolean(x)),
    ),
  ];
  if (ids.length === 0) return;
  await tx.execute(sql`select count(pg_advisory_xact_lock(${ACCOUNT_LOCK_SPACE}::int, k)) from (
    select distinct hashtext(id::text) as k from unnest(${uuidArray(ids)}) id order by 1) x`);
}

/** Advisory-lock key space of the play engine's per-account locks (any fixed number). */
const ACCOUNT_LOCK_SPACE = 7_201;

function longestChain(events: ChangeRow[]): string[] {
  let best: string[] = [];
  for (const e of events)
    if (Array.isArray(e.payload?.chain) && e.payload.chain.length > best.length)
      best = e.payload.chain;
  return best;
}

/** Drains the outbox until it is empty or `maxMs` passed (job handler and tests). */
export async function drainChanges(
  deps: Deps,
  opts: { batchSize?: number; maxMs?: number } = {},
): Promise<number> {
  const until = Date.now() + (opts.maxMs ?? 50_000);
  let total = 0;
  for (;;) {
    const n = await processChanges(deps, opts);
    total += n;
    if (n === 0 || Date.now() > until) return total;
  }
}
