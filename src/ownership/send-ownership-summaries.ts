import { and, asc, eq, gt, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { accounts, ownershipNotifications } from '../db/schema/index.ts';
import { defineJob } from '../jobs/registry.ts';
import { emailRecipient } from './notify-moved-tasks.ts';
import { movedTasksEmail, openTasksOf } from './moved-tasks-email.ts';

const USERS_PER_PAGE = 500;
const CHUNK = 5000;
/** A summary lists at most this many tasks; the rest are counted, so one e-mail stays readable. */
const MAX_LISTED = 200;
/** Summarized rows are kept a week for support questions, then purged. */
const KEEP_MS = 7 * 86_400_000;

/**
 * Sends the ownership summary e-mails (SPEC §7): for each user with pending rows, claims them with
 * FOR UPDATE SKIP LOCKED, sends ONE e-mail listing them and stamps them summarized in the same
 * transaction. Concurrent runs therefore never send the same row twice, and each e-mail carries
 * only what earlier ones did not. Returns how many e-mails were sent.
 */
export async function sendOwnershipSummaries(
  deps: Deps,
): Promise<{ emails: number; rows: number }> {
  const result = { emails: 0, rows: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const pending = await deps.db
      .selectDistinct({ userId: ownershipNotifications.userId })
      .from(ownershipNotifications)
      .where(
        and(isNull(ownershipNotifications.summarizedAt), gt(ownershipNotifications.userId, after)),
      )
      .orderBy(asc(ownershipNotifications.userId))
      .limit(USERS_PER_PAGE);
    for (const { userId } of pending) {
      const sent = await deps.db.transaction((tx) => summarizeForUser(tx, deps, userId));
      result.rows += sent.rows;
      if (sent.emailed) result.emails++;
    }
    if (pending.length < USERS_PER_PAGE) break;
    after = pending.at(-1)!.userId;
  }
  const cutoff = new Date(deps.clock.now().getTime() - KEEP_MS);
  await deps.db
    .delete(ownershipNotifications)
    .where(
      and(
        isNotNull(ownershipNotifications.summarizedAt),
        lt(ownershipNotifications.summarizedAt, cutoff),
      ),
    );
  return result;
}

async function summarizeForUser(
  tx: Tx,
  deps: Deps,
  userId: string,
): Promise<{ emailed: boolean; rows: number }> {
  // Rows another worker holds are skipped: that worker sends them.
  const claimed = await tx
    .select()
    .from(ownershipNotifications)
    .where(
      and(eq(ownershipNotifications.userId, userId), isNull(ownershipNotifications.summarizedAt)),
    )
    .orderBy(asc(ownershipNotifications.movedAt), asc(ownershipNotifications.id))
    .for('update', { skipLocked: true });
  if (claimed.length === 0) return { emailed: false, rows: 0 };
  const workspaceId = claimed[0]!.workspaceId;
  const recipient = await emailRecipient(tx, workspaceId, userId);
  const emailed = recipient
    ? await sendSummary(tx, deps, workspaceId, userId, recipient, claimed)
    : false;
  // Opted-out (or disabled) users' rows are settled too, so a later opt-in does not flood them.
  const ids = claimed.map((r) => r.id);
  for (let i = 0; i < ids.length; i += CHUNK) {
    await tx
      .update(ownershipNotifications)
      .set({ summarizedAt: deps.clock.now() })
      .where(inArray(ownershipNotifications.id, ids.slice(i, i + CHUNK)));
  }
  return { emailed, rows: claimed.length };
}

type Claimed = typeof ownershipNotifications.$inferSelect;

async function sendSummary(
  tx: Tx,
  deps: Deps,
  workspaceId: string,
  userId: string,
  to: { email: string; name: string },
  rows: Claimed[],
): Promise<boolean> {
  const accountIds = [...new Set(rows.map((r) => r.accountId))];
  const names = new Map<string, string>();
  for (let i = 0; i < accountIds.length; i += CHUNK) {
    const found = await tx
      .select({ id: accounts.id, name: accounts.name })
      .from(accounts)
      .where(inArray(accounts.id, accountIds.slice(i, i + CHUNK)));
    for (const a of found) names.set(a.id, a.name);
  }
  const current = await openTasksOf(tx, userId, [...new Set(rows.flatMap((r) => r.taskIds))]);
  if (current.length === 0) return false;
  const email = movedTasksEmail(deps, {
    userId,
    userName: to.name,
    accountNames: names,
    tasks: current,
    maxListed: MAX_LISTED,
  });
  await deps.mailer.enqueue(tx, { workspaceId, to: to.email, kind: 'ownership_summary', ...email });
  return true;
}

export const ownershipSummaryJob = defineJob({
  name: 'ownership-summary',
  payload: z.object({}),
  // One run queued at a time: a slow run is not stacked behind by the next tick.
  options: { retryLimit: 1, policy: 'short', expireInSeconds: 1800 },
  handler: async (deps) => {
    await sendOwnershipSummaries(deps);
  },
});

/** Every 15 minutes, as in the seed product. */
export const ownershipSummarySchedule = {
  job: ownershipSummaryJob,
  cron: '*/15 * * * *',
  payload: {},
};
