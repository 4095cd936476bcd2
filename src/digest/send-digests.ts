// The opt-in daily digest (SPEC §11): at the user's chosen local hour, due today, overdue and what
// plays gave them since yesterday. Claimed per (user, local day) by a primary key, so any number of
// workers send it once; a worker that was down at that hour sends it later the same day.
import { publicBaseUrl } from '../config.ts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { defineJob } from '../jobs/registry.ts';
import { queryRows } from '../db/rows.ts';
import { hourIn, todayIn } from '../workspaces/dates.ts';
import {
  formatDueDate,
  portfolioUrl,
  renderTaskSummaryEmail,
  taskLinks,
} from '../notifications/task-email.ts';
import { priorityName } from '../tasks/priority.ts';

type Subscriber = {
  user_id: string;
  workspace_id: string;
  email: string;
  name: string;
  tz: string;
  hour: number;
};
type Line = {
  id: string;
  title: string;
  account: string;
  due_date: string;
  priority: number;
  version: number;
  section: 'today' | 'overdue' | 'from_plays';
};

/** Items listed per section; the counts are always whole. */
const LISTED = 10;

export async function sendDailyDigests(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const subscribers = await queryRows<Subscriber>(
    deps.db,
    sql`
    select u.id as user_id, u.workspace_id, u.email, u.name, coalesce(u.time_zone, w.time_zone) as tz, s.hour
    from digest_subscriptions s join users u on u.id = s.user_id join workspaces w on w.id = u.workspace_id
    where u.enabled`,
  );
  let sent = 0;
  for (const s of subscribers.filter((x) => hourIn(x.tz, now) >= x.hour)) {
    const day = todayIn(s.tz, now);
    await deps.db.transaction(async (tx) => {
      const claimed = await queryRows(
        tx,
        sql`insert into digest_sends (user_id, day, sent_at) values (${s.user_id}, ${day}, ${now})
        on conflict do nothing returning user_id`,
      );
      if (claimed.length === 0) return;
      if (await sendOne(deps, tx, s, day, now)) sent++;
    });
  }
  return sent;
}

async function sendOne(
  deps: Deps,
  tx: DbOrTx,
  s: Subscriber,
  today: string,
  now: Date,
): Promise<boolean> {
  const lines = await queryRows<Line & { n: number }>(
    tx,
    sql`
    with mine as (
      select t.id, t.title, a.name as account, t.due_date::text as due_date, t.priority, t.version, t.play_id, t.created_at,
        case when t.due_date = ${today}::date then 'today' when t.due_date < ${today}::date then 'overdue' end as section
      from tasks t join accounts a on a.id = t.account_id
      where t.workspace_id = ${s.workspace_id} and t.assignee_user_id = ${s.user_id} and t.status = 'open'),
    sections as (
      select id, title, account, due_date, priority, version, section from mine where section is not null
      union all
      select id, title, account, due_date, priority, version, 'from_plays' from mine
      where play_id is not null and created_at > ${new Date(now.getTime() - 86_400_000)})
    select *, count(*) over (partition by section)::int as n,
      row_number() over (partition by section order by due_date, priority, id) as rn
    from sections order by section, rn`,
  );
  if (lines.length === 0) return false;
  const count = (section: Line['section']) => lines.find((l) => l.section === section)?.n ?? 0;
  const section = (key: Line['section'], heading: string) => {
    const shown = lines.filter((l) => l.section === key).slice(0, LISTED);
    return {
      heading: `${heading} (${count(key)})`,
      more: count(key) - shown.length,
      tasks: shown.map((l) => ({
        title: l.title,
        accountName: l.account,
        dueDate: l.due_date,
        priority: priorityName(l.priority),
        ...taskLinks(deps, { id: l.id, assigneeUserId: s.user_id, version: l.version }, now),
      })),
    };
  };
  const summary = [
    count('today') && `${count('today')} due today`,
    count('overdue') && `${count('overdue')} overdue`,
    count('from_plays') && `${count('from_plays')} new from plays`,
  ]
    .filter(Boolean)
    .join(', ');
  const subject = `Your day in Playmaker: ${summary}`;
  await deps.mailer.enqueue(tx, {
    workspaceId: s.workspace_id,
    to: s.email,
    kind: 'daily_digest',
    subject,
    ...renderTaskSummaryEmail({
      title: subject,
      // "Today" is the recipient's own day, in their time zone.
      lead: `Hi ${s.name}, here is your work for ${formatDueDate(today)}.`,
      sections: [
        section('today', 'Due today'),
        section('overdue', 'Overdue'),
        section('from_plays', 'New from plays since yesterday'),
      ].filter((x) => x.tasks.length > 0),
      portfolioUrl: portfolioUrl(deps.config),
      footer: `You get this because you turned on the daily digest; turn it off from your account menu in Playmaker (${publicBaseUrl(deps.config)}).`,
    }),
  });
  return true;
}

export const dailyDigestJob = defineJob({
  name: 'daily-digest',
  payload: z.object({}),
  options: { retryLimit: 1, policy: 'short', expireInSeconds: 1800 },
  handler: async (deps) => {
    await sendDailyDigests(deps);
  },
});

/** Every 15 minutes: a digest goes out within a quarter of an hour of the chosen hour. */
export const dailyDigestSchedule = { job: dailyDigestJob, cron: '*/15 * * * *', payload: {} };
