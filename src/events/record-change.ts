import type { DbOrTx } from '../db/client.ts';
import { changeEvents } from '../db/schema/index.ts';

export type Change = {
  workspaceId: string;
  entity: 'account' | 'contact' | 'task';
  entityId: string;
  accountId?: string | null;
  kind: 'created' | 'updated' | 'deleted' | 'completed';
  payload?: Record<string, unknown>;
};

/**
 * Call inside the same transaction as the write it describes: the play engine sees a change exactly
 * when the write commits. Every write path to accounts, contacts and tasks must call this.
 */
export async function recordChanges(tx: DbOrTx, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  for (let i = 0; i < changes.length; i += 5000) {
    await tx.insert(changeEvents).values(
      changes.slice(i, i + 5000).map((c) => ({
        workspaceId: c.workspaceId,
        entity: c.entity,
        entityId: c.entityId,
        accountId: c.accountId ?? null,
        kind: c.kind,
        payload: c.payload ?? {},
      })),
    );
  }
}

export const recordChange = (tx: DbOrTx, change: Change) => recordChanges(tx, [change]);
