import type { UserHandover } from './handover-types.ts';
import { handOverPlays } from './hand-over-plays.ts';
import { moveRoleHoldings } from './move-role-holdings.ts';
import { reassignOpenTasks } from './reassign-open-tasks.ts';

export type { HandoverContext, HandoverCounts, UserHandover } from './handover-types.ts';

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
