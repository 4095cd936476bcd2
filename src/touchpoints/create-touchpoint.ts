import type { Actor, Deps } from '../context.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { insertTouchpoint } from './insert-touchpoint.ts';
import type { CreateTouchpointInput } from './schema.ts';

/** Logs an interaction (email, call, meeting, note) on an account the caller can see. */
export async function createTouchpoint(
  deps: Deps,
  actor: Actor,
  accountId: string,
  input: CreateTouchpointInput,
): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const account = await loadVisibleAccount(tx, actor, accountId);
    const row = await insertTouchpoint(tx, actor, account.id, input, { at: deps.clock.now() });
    return row.id;
  });
}
