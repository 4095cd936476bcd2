import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { workspaces, type WorkspaceSettings } from '../db/schema/index.ts';

export type OwnershipPolicy = WorkspaceSettings['ownershipPolicy'];
export const ownershipPolicies = [
  'ownership_only',
  'reassign_except_manual',
  'reassign_all',
] as const;

/** The workspace's task policy on ownership change (SPEC §7); anything unexpected means the default. */
export async function readOwnershipPolicy(
  db: DbOrTx,
  workspaceId: string,
): Promise<OwnershipPolicy> {
  const [ws] = await db
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const value = ws?.settings?.ownershipPolicy;
  return (ownershipPolicies as readonly string[]).includes(value ?? '') ? value! : 'ownership_only';
}
