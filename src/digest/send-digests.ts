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
import { formatDueDate } from '../notifications/task-email.ts';

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
      select t.id, t.title, a.name as account, t.due_date::text as due_date, t.priority, t.play_id, t.created_at,
        case when t.due_date = ${today}::date then 'today' when t.due_date < ${today}::date then 'overdue' end as section
      from tasks t join accounts a on a.id = t.account_id
      where t.workspace_id = ${s.workspace_id} and t.assignee_user_id = ${s.user_id} and t.status = 'open'),
    sections as (
      select id, title, account, due_date, priority, section from mine where section is not null
      union all
      select id, title, account, due_date, priority, 'from_plays' from mine
      where play_id is not null and created_at > ${new Date(now.getTime() - 86_400_000)})
    select *, count(*) over (partition by section)::int as n,
      row_number() over (partition by section order by due_date, priority, id) as rn
    from sections order by section, rn`,
  );
  if (lines.length === 0) return false;
  const base = publicBaseUrl(deps.config);
  const count = (section: Line['section']) => lines.find((l) => l.section === section)?.n ?? 0;
  const block = (section: Line['section'], heading: string) => {
    const n = count(section);
    if (n === 0) return [];
    const shown = lines.filter((l) => l.section === section).slice(0, LISTED);
    return [
      `${heading} (${n})`,
      ...shown.map(
        (l) =>
          `- ${l.title} — ${l.account}, due ${formatDueDate(l.due_date)}: ${base}/portfolio?task=${l.id}`,
      ),
      ...(n > shown.length ? [`  … and ${n - shown.length} more: ${base}/portfolio`] : []),
      '',
    ];
  };
  const summary = [
    count('today') && `${count('today')} due today`,
    count('overdue') && `${count('overdue')} overdue`,
    count('from_plays') && `${count('from_plays')} new from plays`,
  ]
    .filter(Boolean)
    .join(', ');
  await deps.mailer.enqueue(tx, {
    workspaceId: s.workspace_id,
    to: s.email,
    kind: 'daily_digest',
    subject: `Your day in Playmaker: ${summary}`,
    text: [
      `Hi ${s.name}, here is your work for ${today}.`,
      '',
      ...block('today', 'Due today'),
      ...block('overdue', 'Overdue'),
      ...block('from_plays', 'New from plays since yesterday'),
      `You get this because you turned on the daily digest; turn it off from your account menu in Playmaker (${base}).`,
    ].join('\n'),
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
