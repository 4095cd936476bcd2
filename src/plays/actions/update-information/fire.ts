import { sql } from 'drizzle-orm';
import { addDays } from '../../../workspaces/dates.ts';
import { queryRows } from '../../../db/rows.ts';
import { writeAttributesSql } from '../../../attributes/write-attributes-sql.ts';
import type { ActionCounts, FireCtx } from '../../engine/context.ts';
import { count, resultForEach, resultsFrom } from '../results.ts';
import type { UpdateInformationAction } from './schema.ts';

/** Sets/clears attributes on every target through the attribute writer's set-based form (one statement). */
export async function updateInformation(
  ctx: FireCtx,
  action: UpdateInformationAction,
): Promise<ActionCounts> {
  const set: Record<string, unknown> = {};
  const clear: string[] = [];
  for (const s of action.set) {
    if (s.clear) clear.push(s.key);
    else if (s.triggerDateOffsetDays !== undefined)
      set[s.key] = addDays(ctx.today, s.triggerDateOffsetDays);
    else set[s.key] = s.value;
  }
  const detail = JSON.stringify({ set, cleared: clear });
  if (ctx.dryRun) return count(await resultForEach(ctx, action.id, 'would_update', detail));
  // The one attribute writer, set-based: validation, the update, change events and timeline in one statement.
  const write = await writeAttributesSql(ctx.tx, {
    entity: ctx.play.subject === 'accounts' ? 'account' : 'contact',
    workspaceId: ctx.play.workspaceId,
    targets: ctx.targets,
    set,
    clear,
    origin: {
      actorId: null,
      cause: 'play',
      play: { id: ctx.play.id, name: ctx.play.name },
      chain: [...ctx.chain, ctx.play.id],
    },
    at: ctx.now,
    pathPrefix: `actions.${action.id}.set`,
  });
  const rows = await queryRows<{ n: number }>(
    ctx.tx,
    sql`with ${write}
    , ${resultsFrom(sql`insert into play_run_results (run_id, play_id, record_id, account_id, action_id, result, detail, created_at)
      select ${ctx.runId}::uuid, ${ctx.play.id}::uuid, o.id, o.account_id, ${action.id}, 'updated', ${detail}::jsonb, ${ctx.now} from old o`)}`,
  );
  return count(rows);
}
