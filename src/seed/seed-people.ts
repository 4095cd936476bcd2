import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.ts';
import { teamMembers, teams, users, type WorkingHours } from '../db/schema/index.ts';

export type TeamName = 'Enterprise' | 'Mid-Market' | 'SMB';
export const teamNames: TeamName[] = ['Enterprise', 'Mid-Market', 'SMB'];

type PersonPlan = {
  key: string;
  name: string;
  role: 'advanced' | 'standard';
  teams: TeamName[];
  lead: boolean;
  timeZone: string;
  region: string;
  language: string;
  capacity: number;
  hours: WorkingHours;
};

const weekdays = [1, 2, 3, 4, 5];
// The demo team: one lead (advanced) per team and its customer-success managers (standard).
const people: PersonPlan[] = [
  {
    key: 'elena.park',
    name: 'Elena Park',
    role: 'advanced',
    teams: ['Enterprise'],
    lead: true,
    timeZone: 'America/New_York',
    region: 'NA',
    language: 'en',
    capacity: 40,
    hours: { days: weekdays, start: '08:30', end: '17:00' },
  },
  {
    key: 'marcus.reed',
    name: 'Marcus Reed',
    role: 'standard',
    teams: ['Enterprise'],
    lead: false,
    timeZone: 'America/New_York',
    region: 'NA',
    language: 'en',
    capacity: 40,
    hours: { days: weekdays, start: '09:00', end: '17:30' },
  },
  {
    key: 'priya.nair',
    name: 'Priya Nair',
    role: 'standard',
    teams: ['Enterprise', 'Mid-Market'],
    lead: false,
    timeZone: 'Europe/London',
    region: 'EMEA',
    language: 'en',
    capacity: 40,
    hours: { days: weekdays, start: '09:00', end: '17:30' },
  },
  {
    key: 'tom.becker',
    name: 'Tom Becker',
    role: 'standard',
    teams: ['Enterprise'],
    lead: false,
    timeZone: 'Europe/Berlin',
    region: 'EMEA',
    language: 'de',
    capacity: 32,
    hours: { days: [1, 2, 3, 4], start: '08:00', end: '16:00' },
  },
  {
    key: 'diego.alvarez',
    name: 'Diego Alvarez',
    role: 'advanced',
    teams: ['Mid-Market'],
    lead: true,
    timeZone: 'America/Chicago',
    region: 'NA',
    language: 'es',
    capacity: 40,
    hours: { days: weekdays, start: '08:00', end: '16:30' },
  },
  {
    key: 'hannah.kim',
    name: 'Hannah Kim',
    role: 'standard',
    teams: ['Mid-Market'],
    lead: false,
    timeZone: 'America/Los_Angeles',
    region: 'NA',
    language: 'en',
    capacity: 40,
    hours: { days: weekdays, start: '09:00', end: '17:00' },
  },
  {
    key: 'omar.haddad',
    name: 'Omar Haddad',
    role: 'standard',
    teams: ['Mid-Market'],
    lead: false,
    timeZone: 'Europe/Paris',
    region: 'EMEA',
    language: 'fr',
    capacity: 24,
    hours: { days: [1, 2, 3], start: '09:00', end: '18:00' },
  },
  {
    key: 'grace.liu',
    name: 'Grace Liu',
    role: 'advanced',
    teams: ['SMB'],
    lead: true,
    timeZone: 'Asia/Singapore',
    region: 'APAC',
    language: 'en',
    capacity: 40,
    hours: { days: weekdays, start: '09:00', end: '18:00' },
  },
  {
    key: 'lucas.moreau',
    name: 'Lucas Moreau',
    role: 'standard',
    teams: ['SMB'],
    lead: false,
    timeZone: 'Europe/Paris',
    region: 'EMEA',
    language: 'fr',
    capacity: 40,
    hours: { days: weekdays, start: '08:30', end: '17:00' },
  },
  {
    key: 'sofia.rossi',
    name: 'Sofia Rossi',
    role: 'standard',
    teams: ['SMB'],
    lead: false,
    timeZone: 'Europe/Rome',
    region: 'EMEA',
    language: 'en',
    capacity: 40,
    hours: { days: weekdays, start: '09:00', end: '17:00' },
  },
  {
    key: 'noah.williams',
    name: 'Noah Williams',
    role: 'standard',
    teams: ['SMB'],
    lead: false,
    timeZone: 'America/New_York',
    region: 'NA',
    language: 'en',
    capacity: 40,
    hours: { days: weekdays, start: '09:00', end: '17:00' },
  },
];

export const demoEmailDomain = 'playmaker.test';
/** The standard user whose sign-in is printed next to the admin's, to try the limited view. */
export const demoStandardKey = 'marcus.reed';

export type DemoUser = {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'advanced' | 'standard';
  teams: TeamName[];
  lead: boolean;
};
export type People = {
  teamIds: Record<TeamName, string>;
  admin: DemoUser;
  users: DemoUser[];
  /** Members per team (the admin sees every account but belongs to no team). */
  members: Record<TeamName, DemoUser[]>;
  leads: Record<TeamName, DemoUser>;
};

/** Teams, the demo users (each with their own password hash) and their memberships. */
export async function seedPeople(
  tx: Tx,
  ws: string,
  admin: DemoUser,
  passwordHashes: string[],
): Promise<People> {
  const teamRows = await tx
    .insert(teams)
    .values(teamNames.map((name) => ({ workspaceId: ws, name })))
    .returning();
  const teamIds = Object.fromEntries(teamRows.map((t) => [t.name, t.id])) as Record<
    TeamName,
    string
  >;
  const planned = people.map((p) => ({
    ...p,
    id: randomUUID(),
    email: `${p.key}@${demoEmailDomain}`,
  }));
  const leadOf = (team: TeamName) => planned.find((p) => p.lead && p.teams[0] === team)!;
  await tx.insert(users).values(
    planned.map((p, i) => ({
      id: p.id,
      workspaceId: ws,
      email: p.email,
      name: p.name,
      role: p.role,
      passwordHash: passwordHashes[i]!,
      // Leads report to the admin, everyone else to the lead of their first team.
      managerId: p.lead ? admin.id : leadOf(p.teams[0]!).id,
      phone: `+1 555 01${String(10 + i).padStart(2, '0')}`,
      smsNotifications: true,
      timeZone: p.timeZone,
      workingHours: p.hours,
      weeklyCapacityHours: p.capacity,
      attributes: { region: p.region, language: p.language },
    })),
  );
  await tx
    .insert(teamMembers)
    .values(
      planned.flatMap((p) =>
        p.teams.map((team) => ({ workspaceId: ws, teamId: teamIds[team], userId: p.id })),
      ),
    );
  const demoUsers: DemoUser[] = planned.map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    role: p.role,
    teams: p.teams,
    lead: p.lead,
  }));
  const members = Object.fromEntries(
    teamNames.map((t) => [t, demoUsers.filter((u) => u.teams.includes(t))]),
  ) as Record<TeamName, DemoUser[]>;
  const leads = Object.fromEntries(
    teamNames.map((t) => [t, demoUsers.find((u) => u.lead && u.teams[0] === t)!]),
  ) as Record<TeamName, DemoUser>;
  return { teamIds, admin, users: demoUsers, members, leads };
}

/** How many demo users besides the admin get a password. */
export const demoPeopleCount = people.length;
export const demoStandardEmail = `${demoStandardKey}@${demoEmailDomain}`;
