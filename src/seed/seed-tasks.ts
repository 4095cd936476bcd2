import type { Tx } from '../db/client.ts';
import { taskContacts, tasks, timelineEvents, touchpoints } from '../db/schema/index.ts';
import { insertChunked } from './insert-chunked.ts';
import { planHistory } from './plan-history.ts';
import type { PlannedTask } from './plan-tasks.ts';
import type { Rng } from './random.ts';

/** Writes the planned tasks with their contacts, touchpoints and timeline. */
export async function insertTasks(
  tx: Tx,
  rng: Rng,
  ws: string,
  planned: PlannedTask[],
): Promise<{ touchpoints: number; timeline: number }> {
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
  await insertChunked(tx, timelineEvents, history.timeline);
  return { touchpoints: history.touchpoints.length, timeline: history.timeline.length };
}
