import type { DbOrTx } from '../db/client.ts';
import { changeEvents } from '../db/schema/index.ts';
import type { ChangeEvent } from './payloads.ts';

export type { ChangeEvent, ChangePayload, ChangePayloads, ChangeType } from './payloads.ts';

/** Where a change happened plus the typed event itself (`entity` + `kind` + that pair's `payload`). */
export type Change = {
  workspaceId: string;
  entityId: string;
  accountId?: string | null;
} & ChangeEvent;

/** The row of one change, as both insert paths write it. */
export function changeRow(c: Change) {
  return {
    workspaceId: c.workspaceId,
    entity: c.entity,
    entityId: c.entityId,
    accountId: c.accountId ?? null,
    kind: c.kind,
    payload: (c.payload ?? {}) as Record<string, unknown>,
  };
}

/**
 * Call inside the same transaction as the write it describes: the play engine sees a change exactly
 * when the write commits. Every write path to accounts, contacts and tasks must call this.
 */
export async function recordChanges(tx: DbOrTx, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  for (let i = 0; i < changes.length; i += 5000)
    await tx.insert(changeEvents).values(changes.slice(i, i + 5000).map(changeRow));
}

export const recordChange = (tx: DbOrTx, change: Change) => recordChanges(tx, [change]);
