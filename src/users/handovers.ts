import type { Actor, Deps } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { handOverPlays } from './hand-over-plays.ts';
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

export type HandoverCounts = Record<string, number>;

/** One kind of private resource handed to the receiver: counts for programs, sentences for the admin. */
export type UserHandover = {
  name: string;
  run(ctx: HandoverContext): Promise<HandoverCounts>;
  /** The counts in words, e.g. "3 plays handed over to Dana"; nothing for what did not happen. */
  describe(counts: HandoverCounts, receiverName: string): string[];
};

/**
 * EXTENSION POINT (SPEC §7 "disabling a user requires choosing who receives their private
 * resources"): modules that own per-user resources (e.g. plays they own) call
 * `registerUserHandover` at import time; `disableUser` runs every registered handover, in order,
 * inside its one transaction, so a failure in any of them leaves the user enabled and untouched.
 */
const handovers: UserHandover[] = [];

export function registerUserHandover(handover: UserHandover): void {
  const at = handovers.findIndex((h) => h.name === handover.name);
  if (at >= 0) handovers[at] = handover;
  else handovers.push(handover);
}

export const registeredHandovers = (): readonly UserHandover[] => handovers;

/** "1 play", "3 plays". */
const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

registerUserHandover({
  name: 'tasks',
  run: reassignOpenTasks,
  describe: (
    {
      tasksReassigned: moved = 0,
      accountabilityMoved: accountable = 0,
      tasksOnAccountsReceiverCannotSee: hidden = 0,
    },
    to,
  ) => [
    ...(moved ? [`${counted(moved, 'open task')} handed over to ${to}`] : []),
    ...(accountable
      ? [`${to} is now accountable for ${counted(accountable, 'open play task')}`]
      : []),
    ...(hidden
      ? [
          `${counted(hidden, 'account')} with handed-over tasks ${hidden === 1 ? 'is' : 'are'} outside ${to}’s teams: add ${to} to ${hidden === 1 ? 'its' : 'their'} teams`,
        ]
      : []),
  ],
});
registerUserHandover({
  name: 'accountRoles',
  run: moveRoleHoldings,
  describe: ({ roleHoldingsMoved: n = 0 }, to) =>
    n ? [`${counted(n, 'account role')} handed over to ${to}`] : [],
});
registerUserHandover({
  name: 'plays',
  run: handOverPlays,
  describe: ({ playsHandedOver: n = 0 }, to) =>
    n ? [`${counted(n, 'play')} handed over to ${to}`] : [],
});
