import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/rows.ts';
import { timelinePayloadJson } from '../../../timeline/payload-sql.ts';
import { feedItemsCtes, feedPayloadSql } from '../../../feed/write-feed.ts';
import { targetAccounts } from '../../engine/targets.ts';
import type { ActionCounts, FireCtx } from '../../engine/context.ts';
import { count, resultForEach, resultsFrom } from '../results.ts';
import type { NotifyTeamAction } from './schema.ts';

/**
 * Celebrate / notify: an entry on each account's timeline and in the feed of every enabled user of
 * the account's teams (also their My Portfolio timeline); users who opted in get one e-mail per firing listing the accounts.
 */
export async function notifyTeam(ctx: FireCtx, action: NotifyTeamAction): Promise<ActionCounts> {
  const event = {
    message: action.message,
    style: action.style,
    playId: ctx.play.id,
    playName: ctx.play.name,
  };
  if (ctx.dryRun)
    return count(await resultForEach(ctx, action.id, 'would_notify', JSON.stringify(event)));
  const payload = timelinePayloadJson(action.type, event);
  const ws = ctx.play.workspaceId;
  // The in-app feed (feed_items): one item per account and member of its teams, the same people as the
  // e-mail; My Portfolio's timeline reads them there, the account's timeline has the account's entry.
  const feedItems = feedItemsCtes('fi', action.type, {
    workspaceId: ws,
    userId: sql`m.user_id`,
    accountId: sql`m.account_id`,
    taskId: null,
    payload: feedPayloadSql(action.type, {
      message: sql`${action.message}::text`,
      style: sql`${action.style}::text`,
      play: sql`${JSON.stringify({ id: ctx.play.id, name: ctx.play.name })}::jsonb`,
      accountName: sql`a.name`,
    }),
    at: ctx.now,
    rows: sql`from (select distinct acc.account_id, tm.user_id from acc
      join account_teams at on at.account_id = acc.account_id join team_members tm on tm.team_id = at.team_id
      join users u on u.id = tm.user_id and u.enabled) m join accounts a on a.id = m.account_id`,
  });
  const rows = await queryRows<{ n: number }>(
    ctx.tx,
    sql`
    with acc as materialized (${targetAccounts(ctx.play, ctx.targets)}),
    tl as (insert into timeline_events (workspace_id, account_id, type, payload, created_at)
      select ${ws}::uuid, acc.account_id, ${action.type}, ${payload}, ${ctx.now} from acc),
    ${feedItems}
    , ${resultsFrom(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, acc.account_id, acc.account_id, ${action.id}, 'notified', '{}'::jsonb, ${ctx.now} from acc`)}`,
  );
  const mails = await queryRows<{ email: string; names: string[] }>(
    ctx.tx,
    sql`
    select u.email, (array_agg(distinct a.name order by a.name))[1:20] as names
    from (${targetAccounts(ctx.play, ctx.targets)}) acc join accounts a on a.id = acc.account_id
    join account_teams at on at.account_id = acc.account_id join team_members tm on tm.team_id = at.team_id
    join users u on u.id = tm.user_id and u.enabled and u.email_notifications group by u.email`,
  );
  await ctx.deps.mailer.enqueueMany(
    ctx.tx,
    mails.map((m) => ({
      workspaceId: ws,
      to: m.email,
      kind: `play_${action.type}`,
      subject: `${action.type === 'celebrate' ? '🎉' : '⚠'} ${ctx.play.name}`,
      text: `${action.message}\n\nAccounts: ${m.names.join(', ')}`,
    })),
  );
  return count(rows);
}
