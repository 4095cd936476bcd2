import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { uuidArray } from '../db/arrays.ts';
import { PermanentDeliveryError } from './mailer.ts';
import { taskEmailBody, type MailTask } from '../tasks/write/assignment-email.ts';
import { portfolioUrl, renderTaskSummaryEmail, taskLinks } from './task-email.ts';
import { priorityName } from '../tasks/priority.ts';

/** Attempts before a row is marked failed; delays after attempt 1, 2, 3, 4. */
export const EMAIL_MAX_ATTEMPTS = 5;
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];
/** Longer than one send can take (socket timeout 60 s): a claim older than this belonged to a dead worker. */
export const EMAIL_STALE_CLAIM_MS = 5 * 60_000;

type Claimed = {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attempts: number;
  workspace_id: string;
  payload: { taskIds?: string[]; play?: string; total?: number } | null;
};

/**
 * Claims up to `limit` due outbox rows and sends them (e-mail over SMTP, kind `sms` through the SMS
 * gateway; only the channels that are configured); returns how many were claimed.
 * The claim is committed before sending (so no transaction stays open across the network) and
 * taken with SKIP LOCKED, so concurrent workers never claim the same row; a worker that dies
 * mid-send leaves a claim that goes stale and is retried, so delivery is at least once.
 */
export async function deliverDueMessages(
  deps: Deps,
  limit = 50,
): Promise<{ claimed: number; sent: number }> {
  const { smtp, sms } = deps.mailer;
  if (!smtp && !sms) return { claimed: 0, sent: 0 };
  const channel = smtp && sms ? sql`true` : smtp ? sql`kind <> 'sms'` : sql`kind = 'sms'`;
  const now = deps.clock.now();
  const stale = new Date(now.getTime() - EMAIL_STALE_CLAIM_MS);
  const rows = await queryRows<Claimed>(
    deps.db,
    sql`
    update email_outbox set claimed_at = ${now}, attempts = attempts + 1
    where id in (
      select id from email_outbox
      where status = 'pending' and next_attempt_at <= ${now} and (claimed_at is null or claimed_at < ${stale}) and ${channel}
      order by next_attempt_at limit ${limit}
      for update skip locked)
    returning id, kind, to_address, subject, text_body, html_body, attempts, workspace_id, payload`,
  );

  const payloadTasks = await loadPayloadTasks(deps, rows);
  const results = await Promise.all(
    rows.map(async (row) => {
      try {
        if (row.kind !== 'sms' && row.payload?.taskIds) {
          const rendered = renderAtDelivery(deps, row, payloadTasks);
          if (!rendered) {
            await deps.db
              .update(emailOutbox)
              .set({
                status: 'sent',
                claimedAt: null,
                lastError: 'not sent: its tasks were completed, deleted or reassigned meanwhile',
              })
              .where(eq(emailOutbox.id, row.id));
            return false;
          }
          Object.assign(row, { text_body: rendered.text, html_body: rendered.html });
        }
        if (row.kind === 'sms') await sms!.send({ to: row.to_address, text: row.text_body });
        else
          await smtp!.send({
            to: row.to_address,
            subject: row.subject,
            text: row.text_body,
            ...(row.html_body ? { html: row.html_body } : {}),
          });
        await deps.db
          .update(emailOutbox)
          .set({ status: 'sent', sentAt: deps.clock.now(), claimedAt: null, lastError: null })
          .where(eq(emailOutbox.id, row.id));
        return true;
      } catch (err) {
        await recordFailure(deps, row, err);
        return false;
      }
    }),
  );
  return { claimed: rows.length, sent: results.filter(Boolean).length };
}

async function recordFailure(deps: Deps, row: Claimed, err: unknown) {
  // A permanent refusal (SMTP 5xx: unknown mailbox, policy; gateway 4xx) will not get better by retrying.
  const code = (err as { responseCode?: number }).responseCode;
  const permanent =
    (typeof code === 'number' && code >= 500) || err instanceof PermanentDeliveryError;
  const last = permanent || row.attempts >= EMAIL_MAX_ATTEMPTS;
  const delay =
    RETRY_DELAYS_MS[Math.min(row.attempts, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0]!;
  await deps.db
    .update(emailOutbox)
    .set({
      status: last ? 'failed' : 'pending',
      claimedAt: null,
      lastError: (err instanceof Error ? err.message : String(err)).slice(0, 1000),
      nextAttemptAt: new Date(deps.clock.now().getTime() + delay),
    })
    .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, 'pending')));
}

type PayloadTask = MailTask & {
  account_name: string;
  user_name: string;
  user_email: string;
  workspace_id: string;
};

/** The open tasks every claimed play e-mail names, in ONE query for the whole batch (by id). */
async function loadPayloadTasks(deps: Deps, rows: Claimed[]): Promise<Map<string, PayloadTask>> {
  const ids = [...new Set(rows.flatMap((r) => (r.kind !== 'sms' && r.payload?.taskIds) || []))];
  if (ids.length === 0) return new Map();
  const found = await queryRows<PayloadTask>(
    deps.db,
    sql`select t.id, t.title, t.description, to_char(t.due_date, 'YYYY-MM-DD') as "dueDate",
        t.priority, t.kind, t.assignee_user_id as "assigneeUserId", t.version,
        a.name as account_name, u.name as user_name, u.email as user_email, t.workspace_id
      from tasks t join accounts a on a.id = t.account_id join users u on u.id = t.assignee_user_id
      where t.id = any(${uuidArray(ids)}) and t.status = 'open' and t.deleted_at is null`,
  );
  return new Map(found.map((t) => [t.id, t]));
}

/**
 * A play's task e-mail, rendered now (SPEC §3): the engine writes it in SQL, where no link can be
 * signed, and names its tasks in `payload`. Tasks completed, deleted or no longer assigned to the
 * recipient are left out; null when none remain (nothing to act on, so nothing is sent).
 */
function renderAtDelivery(
  deps: Deps,
  row: Claimed,
  tasks: Map<string, PayloadTask>,
): { text: string; html: string } | null {
  const ids = row.payload!.taskIds!;
  const open = ids
    .map((id) => tasks.get(id))
    .filter(
      (t): t is PayloadTask =>
        !!t &&
        t.workspace_id === row.workspace_id &&
        t.user_email.toLowerCase() === row.to_address.toLowerCase(),
    );
  if (open.length === 0) return null;
  const play = row.payload!.play ?? 'a play';
  const name = open[0]!.user_name;
  const total = row.payload!.total ?? ids.length;
  if (total === 1) {
    const task = open[0]!;
    const what =
      task.kind === 'request_info' ? 'requested information from you' : 'assigned you a task';
    return taskEmailBody(deps, task, task.account_name, `Hi ${name}, the play "${play}" ${what}.`);
  }
  const more = Math.max(0, total - ids.length);
  const now = deps.clock.now();
  return renderTaskSummaryEmail({
    title: 'Your new tasks',
    lead: `Hi ${name}, the play "${play}" assigned you ${open.length + more} tasks:`,
    portfolioUrl: portfolioUrl(deps.config),
    sections: [
      {
        more,
        tasks: open.map((t) => ({
          title: t.title,
          accountName: t.account_name,
          dueDate: t.dueDate,
          priority: priorityName(t.priority),
          ...taskLinks(deps, t, now),
        })),
      },
    ],
  });
}
