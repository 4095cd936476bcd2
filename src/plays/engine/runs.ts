import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { playRuns, type PlayRunCounts } from '../../db/schema/index.ts';
import type { Play } from '../queries.ts';
import { noCounts } from './context.ts';

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
}
