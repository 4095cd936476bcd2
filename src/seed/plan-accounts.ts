import { randomUUID } from 'node:crypto';
import {
  citySuffixes,
  companyFirstWords,
  companySecondWords,
  csmNotes,
  accountTags,
  regionSuffixes,
} from './names.ts';
import type { Rng } from './random.ts';
import type { DemoTime } from './seed-time.ts';
import type { TeamName } from './seed-people.ts';

export type PlannedAccount = {
  id: string;
  externalId: string;
  name: string;
  parentId: string | null;
  depth: number;
  rootName: string;
  teams: TeamName[];
  accountType: 'customer' | 'partner';
  lifecycleStage: string;
  tags: string[];
  attributes: Record<string, unknown>;
  createdAt: Date;
};

const stages = [
  ['Onboarding', 15],
  ['Adoption', 25],
  ['Mature', 35],
  ['Renewal', 15],
  ['At risk', 10],
] as const;
const tierOfStandalone = [
  ['Enterprise', 15],
  ['Mid-Market', 35],
  ['SMB', 50],
] as const;
const arrRange: Record<TeamName, [number, number]> = {
  Enterprise: [150_000, 1_500_000],
  'Mid-Market': [25_000, 150_000],
  SMB: [2_000, 25_000],
};
const licenseRange: Record<TeamName, [number, number]> = {
  Enterprise: [200, 5_000],
  'Mid-Market': [30, 300],
  SMB: [3, 40],
};

/**
 * ~`total` accounts: a dozen company groups (parents → regional children → city grandchildren, a few one
 * level deeper) and standalone companies; the team follows the company's size.
 */
export function planAccounts(rng: Rng, time: DemoTime, total: number): PlannedAccount[] {
  const names = rng.shuffle(
    companyFirstWords.flatMap((a) => companySecondWords.map((b) => `${a} ${b}`)),
  );
  const out: PlannedAccount[] = [];
  let nameIndex = 0;
  const add = (
    name: string,
    parent: PlannedAccount | null,
    teams: TeamName[],
    accountType: PlannedAccount['accountType'],
  ) => {
    const createdAt = parent
      ? new Date(
          Math.min(
            parent.createdAt.getTime() + rng.int(1, 90) * 86_400_000,
            time.now.getTime() - 200 * 86_400_000,
          ),
        )
      : new Date(time.now.getTime() - rng.int(200, 1_000) * 86_400_000); // older than any demo task
    const account: PlannedAccount = {
      id: randomUUID(),
      externalId: `ACC-${String(1001 + out.length)}`,
      name,
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      rootName: parent?.rootName ?? name,
      teams,
      accountType,
      lifecycleStage: '',
      tags: [],
      attributes: {},
      createdAt,
    };
    out.push(account);
    return account;
  };

  for (let g = 0; g < 12 && out.length < total; g++) {
    const parent = add(
      names[nameIndex++]!,
      null,
      [g < 9 ? 'Enterprise' : 'Mid-Market'],
      'customer',
    );
    for (const region of rng.sample(regionSuffixes, rng.int(2, 4))) {
      // Some regional subsidiaries are looked after by the Mid-Market team, a few by both teams.
      const team: TeamName[] = rng.chance(0.2)
        ? ['Mid-Market']
        : rng.chance(0.1)
          ? [parent.teams[0]!, 'Mid-Market']
          : parent.teams;
      const child = add(`${parent.name} ${region}`, parent, [...new Set(team)], 'customer');
      if (!rng.chance(0.35)) continue;
      for (const city of rng.sample(citySuffixes, rng.int(1, 3))) {
        const grandchild = add(`${child.name} – ${city}`, child, child.teams, 'customer');
        if (rng.chance(0.15))
          add(`${grandchild.name} Office`, grandchild, grandchild.teams, 'customer');
      }
    }
  }
  while (out.length < total) {
    const team = rng.weighted(tierOfStandalone);
    const teams: TeamName[] = rng.chance(0.05)
      ? [team, team === 'SMB' ? 'Mid-Market' : 'SMB']
      : [team];
    add(names[nameIndex++]!, null, teams, rng.chance(0.12) ? 'partner' : 'customer');
  }
  for (const a of out) fillProfile(rng, time, a);
  return out.slice(0, total);
}

function fillProfile(rng: Rng, time: DemoTime, a: PlannedAccount) {
  const tier = a.teams[0]!;
  a.lifecycleStage = rng.weighted(stages);
  a.tags = rng
    .sample(
      accountTags,
      rng.weighted([
        [0, 4],
        [1, 4],
        [2, 2],
      ] as const),
    )
    .sort();
  if (a.lifecycleStage === 'At risk' && !a.tags.includes('escalation') && rng.chance(0.5))
    a.tags = [...a.tags, 'escalation'].sort();
  const health =
    a.lifecycleStage === 'At risk'
      ? rng.weighted([
          ['poor', 70],
          ['average', 30],
        ] as const)
      : rng.weighted([
          ['good', 60],
          ['average', 30],
          ['poor', 10],
        ] as const);
  const [arrMin, arrMax] = arrRange[tier];
  const [licMin, licMax] = licenseRange[tier];
  const renewalIn = a.lifecycleStage === 'Renewal' ? rng.int(0, 90) : rng.int(-15, 400);
  const attributes: Record<string, unknown> = {
    renewal_date: time.day(renewalIn),
    arr: Math.round(rng.int(arrMin, arrMax) / 100) * 100,
    health,
    licenses: rng.int(licMin, licMax),
  };
  if (rng.chance(0.8)) attributes.nps = health === 'poor' ? rng.int(-40, 20) : rng.int(0, 80);
  if (rng.chance(0.35)) attributes.csm_notes = rng.pick(csmNotes);
  a.attributes = attributes;
}
