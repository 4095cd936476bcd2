import { eq } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, ownershipNotifications, users, workspaces } from '../db/schema/index.ts';
import { movedTasksEmail, openTasksOf } from './moved-tasks-email.ts';

/** One task handed to a new assignee by an ownership change. */
export type TaskMove = {
  userId: string;
  accountId: string;
  task: { id: string; title: string; dueDate: string };
};

type MailDeps = Pick<Deps, 'mailer' | 'clock' | 'config' | 'secrets'>;
const CHUNK = 5000;

/**
 * Tells new assignees about tasks ONE ownership change moved to them (SPEC §7): when the change
 * touched a single account, each of them gets an e-mail now; when it spanned several accounts,
 * the moves are recorded for the 15-minute summary e-mail instead. Call inside the change's
 * transaction, so a rolled-back change tells nobody.
 */
export async function notifyMovedTasks(
  tx: DbOrTx,
  deps: MailDeps,
  workspaceId: string,
  moves: TaskMove[],
): Promise<'none' | 'immediate' | 'summary'> {
  if (moves.length === 0) return 'none';
  if (await recordForSummaryIfSpanning(tx, deps, workspaceId, moves)) return 'summary';
  const byUser = new Map<string, TaskMove[]>();
  for (const m of moves) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m]);
  for (const [userId, mine] of byUser)
    await sendMovedTasksEmail(
      tx,
      deps,
      workspaceId,
      userId,
      mine[0]!.accountId,
      mine.map((m) => m.task),
    );
  return 'immediate';
}

/**
 * When `moves` span more than one account, writes one pending summary row per (user, account) and
 * returns true; otherwise writes nothing and returns false (the caller e-mails at once).
 */
export async function recordForSummaryIfSpanning(
  tx: DbOrTx,
  deps: Pick<Deps, 'clock'>,
  workspaceId: string,
  moves: Array<Pick<TaskMove, 'userId' | 'accountId'> & { task: { id: string } }>,
): Promise<boolean> {
  if (new Set(moves.map((m) => m.accountId)).size < 2) return false;
  const rows = new Map<string, { userId: string; accountId: string; taskIds: string[] }>();
  for (const m of moves) {
    const key = `${m.userId}:${m.accountId}`;
    const row = rows.get(key) ?? { userId: m.userId, accountId: m.accountId, taskIds: [] };
    row.taskIds.push(m.task.id);
    rows.set(key, row);
  }
  const movedAt = deps.clock.now();
  const values = [...rows.values()].map((r) => ({ workspaceId, ...r, movedAt }));
  for (let i = 0; i < values.length; i += CHUNK)
    await tx.insert(ownershipNotifications).values(values.slice(i, i + CHUNK));
  return true;
}

/** Disabled users get nothing; opted-out ones only when the workspace forces task e-mails. */
export async function emailRecipient(
  tx: DbOrTx,
  workspaceId: string,
  userId: string,
): Promise<{ email: string; name: string } | null> {
  const [user] = await tx
    .select({
      email: users.email,
      name: users.name,
      emailNotifications: users.emailNotifications,
      enabled: users.enabled,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.enabled) return null;
  if (user.emailNotifications) return user;
  const [ws] = await tx
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return ws?.settings?.forceTaskEmails ? user : null;
}

async function sendMovedTasksEmail(
  tx: DbOrTx,
  deps: MailDeps,
  workspaceId: string,
  userId: string,
  accountId: string,
  moved: TaskMove['task'][],
) {
  const user = await emailRecipient(tx, workspaceId, userId);
  if (!user) return;
  const [account] = await tx
    .select({ name: accounts.name })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  const current = await openTasksOf(
    tx,
    userId,
    moved.map((t) => t.id),
  );
  if (current.length === 0) return;
  const email = movedTasksEmail(deps, {
    userId,
    userName: user.name,
    accountNames: new Map([[accountId, account?.name ?? 'an account']]),
    tasks: current,
    maxListed: current.length,
  });
  await deps.mailer.enqueue(tx, {
    workspaceId,
    to: user.email,
    kind: 'tasks_reassigned',
    ...email,
  });
}
