import type { Deps } from '../context.ts';
import { drainChanges } from './engine/process-changes.ts';
import { fireRunFor } from './engine/fire.ts';
import { drainJourneys } from './journeys/advance.ts';

/**
 * Lets the engine catch up now, in this process: the change outbox drained (event and
 * task-completed plays fire), then journeys whose step is due advance. For callers that must see
 * the engine's effects before going on (the demo seed), not a substitute for the workers.
 */
export async function settleEngine(deps: Deps): Promise<void> {
  await drainChanges(deps);
  await drainJourneys(deps, { fireRunFor });
  await drainChanges(deps);
}
