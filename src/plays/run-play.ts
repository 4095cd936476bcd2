import { and, asc, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { accounts, contacts, playRunResults, playRuns } from '../db/schema/index.ts';
import { accountVisible, requireRole } from '../auth/access.ts';
import { uuidArray } from '../db/arrays.ts';
import { errors } from '../http/errors.ts';
import { compileCriteria, matchingIds } from '../segments/compile.ts';
import { loadSegment } from '../segments/queries.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';
import { loadPlay, runResultVisible } from './queries.ts';
import { fireRunFor } from './engine/fire.ts';
import { loadEnv, playCondition } from './engine/env.ts';

const runCursor = z.tuple([cursorPart.instant, cursorPart.id]);
const resultCursor = z.tuple([z.number().int().min(0)]);

/**
 * Runs a manual or recurring play now ("run on demand", recorded as a manual run), intersected with
 * the play's own criteria. A manual play needs a segment or chosen accounts (only those the caller can
 * see); a recurring play without either runs as its next scheduled occurrence would, for every record
 * meeting the criteria. Open tasks from the same action are not duplicated.
 */
export async function runManualPlay(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { segmentId?: string; accountIds?: string[] },
) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, id);
  const type = play.trigger.type;
  if (type !== 'manual' && type !== 'recurring')
    throw errors.unprocessable('Only manual and recurring plays are run on demand.');
  if (play.status !== 'enabled') throw errors.unprocessable('Enable the play before running it.');
  if (input.segmentId && input.accountIds)
    throw errors.field('body', 'Give either segmentId or accountIds, not both.');
  const asScheduled = type === 'recurring' && !input.segmentId && !input.accountIds;
  if (type === 'manual' && !input.segmentId && !input.accountIds)
    throw errors.field('body', 'Give either segmentId or accountIds.');
  return deps.db.transaction(async (tx) => {
    const env = await loadEnv(tx, actor.workspaceId, deps.clock);
    const { today, now } = env;
    const own = await playCondition(tx, env, play, 'criteria');
    // As scheduled: every record meeting the criteria. Otherwise the records chosen, of those the caller can see.
    let extra = asScheduled ? sql`true` : accountVisible(actor, sql`a.id`);
    if (input.segmentId) {
      const seg = await loadSegment(tx, actor.workspaceId, input.segmentId);
      if (seg.subject !== play.subject)
        throw errors.field(
          'body.segmentId',
          `That segment is over ${seg.subject}, not ${play.subject}.`,
        );
      extra = sql`${extra} and ${await compileCriteria(tx, play.workspaceId, play.subject, seg.criteria, { today, now })}`;
    } else if (input.accountIds) {
      extra = sql`${extra} and a.id = any(${uuidArray(input.accountIds)})`;
    }
    const targets = sql`select x.id as record_id from (${matchingIds(play.subject, play.workspaceId, own, extra)}) x`;
    const run = await fireRunFor(
      { deps, tx, play, env, chain: [], dryRun: false, triggeredBy: actor.userId },
      targets,
      'manual',
      { scope: asScheduled ? 'as_scheduled' : input.segmentId ? 'segment' : 'accounts' },
    );
    return {
      runId: run.runId,
      counts: {
        targets: run.targets,
        created: run.created,
        wouldCreate: run.wouldCreate,
        skipped: run.skipped,
        errors: run.errors,
        other: run.other,
      },
    };
  });
}

const runOut = (r: typeof playRuns.$inferSelect) => ({
  id: r.id,
  playId: r.playId,
  kind: r.kind,
  triggeredBy: r.triggeredBy,
  playVersion: r.playVersion,
  startedAt: r.startedAt.toISOString(),
  // Runs stored before `wouldCreate` existed count it as 0.
  finishedAt: r.finishedAt?.toISOString() ?? null,
  counts: { wouldCreate: 0, ...r.counts },
  detail: r.detail,
});

export async function listRuns(
  deps: Deps,
  actor: Actor,
  id: string,
  q: { limit: number; cursor?: string },
) {
  requireRole(actor, 'advanced');
  await loadPlay(deps.db, actor.workspaceId, id);
  const after = decodeCursor(q.cursor, runCursor);
  const rows = await deps.db
    .select()
    .from(playRuns)
    .where(
      and(
        eq(playRuns.playId, id),
        after
          ? or(
              lt(playRuns.startedAt, new Date(after[0])),
              and(eq(playRuns.startedAt, new Date(after[0])), lt(playRuns.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(playRuns.startedAt), desc(playRuns.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(runOut),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor([last.startedAt.toISOString(), last.id]) : null,
  };
}

export async function listRunResults(
  deps: Deps,
  actor: Actor,
  id: string,
  runId: string,
  q: { limit: number; cursor?: string },
) {
  requireRole(actor, 'advanced');
  await loadPlay(deps.db, actor.workspaceId, id);
  const [run] = await deps.db
    .select()
    .from(playRuns)
    .where(and(eq(playRuns.id, runId), eq(playRuns.playId, id)));
  if (!run) throw errors.notFound('Run');
  const after = decodeCursor(q.cursor, resultCursor);
  // Counts stay whole; rows of accounts outside the caller's teams are left out (ids and names would leak).
  const visible = runResultVisible(actor, playRunResults);
  // Names beside ids, so people read "Acme Corp", not a uuid (a contact play's record is the contact).
  // A hierarchy record is named by itself (the child), not by the parent its task went on.
  const recordAccount = alias(accounts, 'record_account');
  const rows = await deps.db
    .select({
      r: playRunResults,
      accountName: accounts.name,
      recordAccountName: recordAccount.name,
      contactName: sql<
        string | null
      >`nullif(trim(${contacts.firstName} || ' ' || ${contacts.lastName}), '')`,
    })
    .from(playRunResults)
    .leftJoin(accounts, eq(accounts.id, playRunResults.accountId))
    .leftJoin(contacts, eq(contacts.id, playRunResults.recordId))
    .leftJoin(recordAccount, eq(recordAccount.id, playRunResults.recordId))
    .where(
      and(
        eq(playRunResults.runId, runId),
        visible,
        after ? gt(playRunResults.id, after[0]) : undefined,
      ),
    )
    .orderBy(asc(playRunResults.id))
    .limit(q.limit + 1);
  const [hidden] = await deps.db
    .select({ n: sql<number>`count(distinct ${playRunResults.recordId})::int` })
    .from(playRunResults)
    .where(and(eq(playRunResults.runId, runId), sql`not ${visible}`));
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    run: runOut(run),
    hiddenRecords: hidden?.n ?? 0,
    data: page.map(({ r, accountName, recordAccountName, contactName }) => ({
      id: r.id,
      recordId: r.recordId,
      recordName: contactName ?? recordAccountName ?? accountName,
      accountId: r.accountId,
      accountName,
      actionId: r.actionId,
      result: r.result,
      taskId: r.taskId,
      detail: r.detail,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.r.id]) : null,
  };
}
