import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { playRuns, type PlayRunCounts } from '../../db/schema/index.ts';
import type { Play } from '../queries.ts';
import { noCounts } from './context.ts';
import { changePayloadSql, insertChangeEventsSql } from '../../events/payload-sql.ts';

type Kind = (typeof playRuns.$inferInsert)['kind'];

export async function startRun(
  tx: DbOrTx,
  play: Play,
  kind: Kind,
  o: { id: string; now: Date; triggeredBy?: string | null; detail?: Record<string, unknown> },
) {
  await tx.insert(playRuns).values({
    id: o.id,
    workspaceId: play.workspaceId,
    playId: play.id,
    kind,
    triggeredBy: o.triggeredBy ?? null,
    playVersion: play.publishedVersion,
    startedAt: o.now,
    detail: o.detail ?? {},
    counts: { targets: 0, ...noCounts() },
  });
}

export async function finishRun(
  tx: DbOrTx,
  runId: string,
  counts: Required<PlayRunCounts>,
  now: Date,
  detail?: Record<string, unknown>,
) {
  await tx
    .update(playRuns)
    .set({
      counts,
      finishedAt: now,
      ...(detail ? { detail: sql`${playRuns.detail} || ${JSON.stringify(detail)}::jsonb` } : {}),
    })
    .where(eq(playRuns.id, runId));
  if (counts.created > 0) await announceRun(tx, runId, now);
}

/** Accounts named in a run's change event; beyond this it only counts them. */
const MAX_ANNOUNCED_ACCOUNTS = 1000;

/**
 * One `play_run.fired` change event for a run that created tasks, naming the accounts that got them:
 * its insert notifies like any change, so open screens (the live hub) refetch the engine's own
 * writes. Written already processed, so the engine never reads it back.
 */
async function announceRun(tx: DbOrTx, runId: string, now: Date) {
  const [run] = await tx
    .select({ workspaceId: playRuns.workspaceId })
    .from(playRuns)
    .where(eq(playRuns.id, runId));
  if (!run) return;
  const payload = changePayloadSql('play_run.fired', {
    playId: sql`r.play_id::text`,
    runKind: sql`r.kind`,
    accountIds: sql`case when x.n <= ${MAX_ANNOUNCED_ACCOUNTS} then to_jsonb(x.ids) end`,
    accounts: sql`x.n`,
  });
  await tx.execute(
    insertChangeEventsSql('play_run.fired', {
      workspaceId: run.workspaceId,
      entityId: sql`r.id`,
      // One account: the event is that account's, like any other change.
      accountId: sql`case when x.n = 1 then x.ids[1] end`,
      payload: sql`jsonb_strip_nulls(${payload})`,
      at: now,
      processed: true,
      rows: sql`from play_runs r, lateral (
        select array_agg(distinct res.account_id) as ids, count(distinct res.account_id)::int as n
        from play_run_results res where res.run_id = r.id and res.result = 'created' and res.account_id is not null) x
        where r.id = ${runId}::uuid and x.n > 0`,
    }),
  );
}
