import type { PlannedAccount } from './plan-accounts.ts';
import type { RoleName } from './seed-catalog.ts';
import type { DemoUser, People } from './seed-people.ts';
import type { Rng } from './random.ts';

export type RoleHolders = Map<string, Partial<Record<RoleName, DemoUser>>>;

/**
 * Role holders per account, always members of one of the account's teams (so they can see it):
 * a Success Manager everywhere, a Sales Manager on most, the team lead as Executive Sponsor on big ones.
 */
export function planRoleHolders(rng: Rng, accounts: PlannedAccount[], people: People): RoleHolders {
  const out: RoleHolders = new Map();
  for (const a of accounts) {
    const team = a.teams[0]!;
    const members = people.members[team];
    const csms = members.filter((u) => u.role === 'standard');
    const success = rng.pick(csms.length ? csms : members);
    const holders: Partial<Record<RoleName, DemoUser>> = { 'Success Manager': success };
    if (rng.chance(0.85))
      holders['Sales Manager'] = rng.pick(members.filter((u) => u.id !== success.id));
    if (team === 'Enterprise' || (team === 'Mid-Market' && rng.chance(0.3)))
      holders['Executive Sponsor'] = people.leads[team];
    out.set(a.id, holders);
  }
  return out;
}
