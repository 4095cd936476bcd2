import type { Actor, Deps } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { moveRoleHoldings } from './move-role-holdings.ts';
import { reassignOpenTasks } from './reassign-open-tasks.ts';

/** What a handover sees: runs inside the disable transaction, after the user is marked disabled. */
export type HandoverContext = {
  tx: Tx;
  deps: Deps;
  actor: Actor;
  workspaceId: string;
  from: { id: string; name: string };
  to: { id: string; name: string; email: string; emailNotifications: boolean; role: Actor['role'] };
  now: Date;
};

/** One kind of private resource handed to the receiver; returns counts for the admin's summary. */
export type UserHandover = { name: string; run(ctx: HandoverContext): Promise<Record<string, number>> };

/**
 * EXTENSION POINT (SPEC §7 "disabling a user requires choosing who receives their private
 * resources"): modules that own per-user resources (e.g. plays they own) call
 * `registerUserHandover` at import time; `disableUser` runs every registered handover, in order,
 * inside its one transaction, so a failure in any of them leaves the user enabled and untouched.
 */
const handovers: UserHandover[] = [];

export function registerUserHandover(handover: UserHandover): void {
  const at = handovers.findIndex((h) => h.name === handover.name);
  if (at >= 0) handovers[at] = handover; else handovers.push(handover);
}

export const registeredHandovers = (): readonly UserHandover[] => handovers;

registerUserHandover({ name: 'tasks', run: reassignOpenTasks });
registerUserHandover({ name: 'accountRoles', run: moveRoleHoldings });
