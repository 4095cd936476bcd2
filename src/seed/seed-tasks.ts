import type { Tx } from '../db/client.ts';
import { taskContacts, tasks, timelineEvents, touchpoints } from '../db/schema/index.ts';
import { insertChunked } from './insert-chunked.ts';
import { planHistory, type TimelineRow } from './plan-history.ts';
import type { PlannedTask } from './plan-tasks.ts';
import type { Rng } from './random.ts';

/**
 * Writes the planned tasks with their contacts, touchpoints and the timeline entries dated before
 * `timelineUntil`; answers the later entries (in date order) for the showcase to write as its
 * history reaches their dates.
 */
export async function insertTasks(
  tx: Tx,
  rng: Rng,
  ws: string,
  planned: PlannedTask[],
  timelineUntil: Date,
): Promise<{ laterTimeline: TimelineRow[] }> {
  await insertChunked(
    tx,
    tasks,
    planned.map((p) => p.row),
  );
  await insertChunked(
    tx,
    taskContacts,
    planned.flatMap((p) =>
      p.contactIds.map((contactId) => ({ workspaceId: ws, taskId: p.row.id, contactId })),
    ),
  );
  const history = planHistory(rng, ws, planned);
  await insertChunked(tx, touchpoints, history.touchpoints);
  const cut = history.timeline.findIndex((e) => e.createdAt >= timelineUntil);
  const split = cut === -1 ? history.timeline.length : cut;
  await insertChunked(tx, timelineEvents, history.timeline.slice(0, split));
  return { laterTimeline: history.timeline.slice(split) };
}
