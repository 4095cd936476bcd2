import { randomUUID } from 'node:crypto';
import { contactTags, contactTitles, firstNames, lastNames } from './names.ts';
import type { PlannedAccount } from './plan-accounts.ts';
import type { Rng } from './random.ts';

export type PlannedContact = {
  id: string;
  accountId: string;
  externalId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  createdAt: Date;
};

const weightByTeam = { Enterprise: 4, 'Mid-Market': 2, SMB: 1 } as const;

/** Exactly `total` contacts: one per account, the rest spread with larger companies getting more. */
export function planContacts(
  rng: Rng,
  accounts: PlannedAccount[],
  total: number,
  now: Date,
): PlannedContact[] {
  const perAccount = new Map(accounts.map((a) => [a.id, 1]));
  const weights = accounts.map((a) => [a, weightByTeam[a.teams[0]!]] as const);
  for (let i = accounts.length; i < total; i++) {
    const a = rng.weighted(weights);
    perAccount.set(a.id, perAccount.get(a.id)! + 1);
  }
  const out: PlannedContact[] = [];
  for (const a of accounts) {
    const domain = `${a.rootName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
    const used = new Set<string>();
    for (let k = 0; k < perAccount.get(a.id)!; k++) {
      let first: string;
      let last: string;
      do {
        first = rng.pick(firstNames);
        last = rng.pick(lastNames);
      } while (used.has(`${first} ${last}`));
      used.add(`${first} ${last}`);
      const attributes: Record<string, unknown> = { title: rng.pick(contactTitles) };
      if (rng.chance(0.6)) attributes.nps = rng.int(0, 10);
      out.push({
        id: randomUUID(),
        accountId: a.id,
        externalId: `CON-${String(10_001 + out.length)}`,
        firstName: first,
        lastName: last,
        email: `${first}.${last}@${domain}`.toLowerCase(),
        phone: rng.chance(0.7) ? `+1 555 ${String(rng.int(1000, 9999))}` : null,
        tags: rng
          .sample(
            contactTags,
            rng.weighted([
              [0, 5],
              [1, 4],
              [2, 1],
            ] as const),
          )
          .sort(),
        attributes,
        createdAt: new Date(
          Math.min(
            a.createdAt.getTime() + rng.int(0, 30) * 86_400_000,
            now.getTime() - 170 * 86_400_000,
          ),
        ),
      });
    }
  }
  return out;
}
