import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { users, workspaces } from '../db/schema/index.ts';
import { createWorkspace } from '../workspaces/create-workspace.ts';
import { createApiToken } from '../auth/tokens.ts';
import { hashPassword } from '../auth/credentials.ts';
import { createRng } from './random.ts';
import { demoTime } from './seed-time.ts';
import { demoEmailDomain, demoPeopleCount, demoStandardEmail, seedPeople } from './seed-people.ts';
import { seedCatalog } from './seed-catalog.ts';
import { planAccounts } from './plan-accounts.ts';
import { planContacts } from './plan-contacts.ts';
import { planRoleHolders } from './plan-roles.ts';
import { insertAccounts } from './seed-accounts.ts';
import { planTasks, taskStatePlan } from './plan-tasks.ts';
import { insertTasks } from './seed-tasks.ts';
import { demoFeedTasks } from './seed-feed.ts';
import { historyStart, seedShowcase } from './seed-showcase.ts';
import { datedTimeline } from './dated-timeline.ts';

export type SeedResult = {
  email: string;
  password: string | null;
  /** A standard user (limited to their teams' accounts) to try the non-admin view. */
  demoUser?: { email: string; password: string };
};

/** What the demo workspace contains; the seed test checks these numbers. */
export const demoCounts = {
  teams: 3,
  users: demoPeopleCount + 1,
  accounts: 200,
  contacts: 600,
  tasks: Object.values(taskStatePlan).reduce((s, n) => s + n, 0) + demoFeedTasks,
} as const;
export const demoTimeZone = 'America/New_York';
// Fixed so every run produces the same accounts, contacts and tasks (relative to the clock's today).
const RANDOM_SEED = 20_260_302;

/** What an empty database gets on first start (`PLAYMAKER_SEED`): the demo, one empty workspace, or nothing. */
export type FirstStart = 'demo' | 'empty' | 'none';

// Held for the seeding transaction, so two processes starting at once on one empty database seed once.
const firstStartLock = sql`select pg_advisory_xact_lock(7274511)`;
const anyWorkspace = async (tx: Pick<Deps['db'], 'select'>) =>
  ((await tx.select({ n: sql<number>`count(*)::int` }).from(workspaces))[0]?.n ?? 0) > 0;

/** First start: only when the database has no workspace at all, and only once however many processes start. */
export async function seedIfEmpty(
  deps: Deps,
  mode: FirstStart = 'demo',
): Promise<SeedResult | null> {
  if (mode === 'none' || (await anyWorkspace(deps.db))) return null;
  return mode === 'demo' ? seedDemo(deps, { ifEmpty: true }) : createFirstWorkspace(deps);
}

/** A production first start: one empty workspace and its admin (e-mail, password and token from the env when given). */
async function createFirstWorkspace(deps: Deps): Promise<SeedResult | null> {
  const email = deps.config.PLAYMAKER_ADMIN_EMAIL ?? 'admin@example.com';
  const password = deps.config.PLAYMAKER_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  return deps.db.transaction(async (tx) => {
    await tx.execute(firstStartLock);
    if (await anyWorkspace(tx)) return null;
    const { workspace, admin } = await createWorkspace(tx, {
      name: 'Playmaker',
      admin: { email, name: 'Admin', password },
    });
    if (deps.config.PLAYMAKER_ADMIN_TOKEN) {
      await createApiToken(
        tx,
        { workspaceId: workspace.id, userId: admin.id },
        'automation',
        deps.config.PLAYMAKER_ADMIN_TOKEN,
      );
    }
    return { email, password };
  });
}

/**
 * Creates the demo workspace: the baseline in one transaction, so a failed baseline leaves nothing
 * behind, then the showcase (seed-showcase.ts). Baseline rows are written directly (set-based) but
 * follow the same rules as the API; no change events are recorded because the demo data is a
 * baseline, not a burst of changes for the play engine. With `ifEmpty`,
 * writes nothing (and answers null) when another process created a workspace first.
 */
export async function seedDemo(deps: Deps, opts: { ifEmpty: true }): Promise<SeedResult | null>;
export async function seedDemo(deps: Deps, opts?: { ifEmpty?: false }): Promise<SeedResult>;
export async function seedDemo(
  deps: Deps,
  opts: { ifEmpty?: boolean } = {},
): Promise<SeedResult | null> {
  const email = deps.config.PLAYMAKER_ADMIN_EMAIL ?? `admin@${demoEmailDomain}`;
  const password = deps.config.PLAYMAKER_ADMIN_PASSWORD ?? randomBytes(9).toString('base64url');
  const demoPassword = randomBytes(9).toString('base64url');
  const [taken] = await deps.db
    .select({ email: users.email })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, [email.toLowerCase(), demoStandardEmail]))
    .limit(1);
  if (taken)
    throw new Error(`The demo workspace already exists (a user ${taken.email} is registered).`);

  const rng = createRng(RANDOM_SEED);
  const time = demoTime(demoTimeZone, deps.clock.now());

  const created = await deps.db.transaction(async (tx) => {
    await tx.execute(firstStartLock);
    if (opts.ifEmpty && (await anyWorkspace(tx))) return null;
    const { workspace, admin } = await createWorkspace(tx, {
      name: 'Demo',
      timeZone: demoTimeZone,
      admin: { email, name: 'Ada Admin', password },
    });
    const ws = workspace.id;
    await tx
      .update(users)
      .set({
        timeZone: demoTimeZone,
        phone: '+1 555 0100',
        smsNotifications: true,
        weeklyCapacityHours: 40,
        workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
        attributes: { region: 'NA', language: 'en' },
      })
      .where(eq(users.id, admin.id));
    if (deps.config.PLAYMAKER_ADMIN_TOKEN) {
      await createApiToken(
        tx,
        { workspaceId: ws, userId: admin.id },
        'automation',
        deps.config.PLAYMAKER_ADMIN_TOKEN,
      );
    }
    const adminUser = {
      id: admin.id,
      name: admin.name,
      email: admin.email,
      role: 'admin' as const,
      teams: [],
      lead: false,
    };
    // Hashing is the slow part: each user gets their own salt, computed on other threads while
    // the catalog is written and the accounts planned.
    const hashing = Promise.all(
      Array.from({ length: demoPeopleCount }, () => hashPassword(demoPassword)),
    );
    hashing.catch(() => undefined); // awaited below; a failure before then must not go unhandled
    const catalog = await seedCatalog(tx, ws);
    const accounts = planAccounts(rng, time, demoCounts.accounts);
    const contacts = planContacts(rng, accounts, demoCounts.contacts, time.now);
    const people = await seedPeople(tx, ws, adminUser, await hashing);
    const holders = planRoleHolders(rng, accounts, people);
    await insertAccounts(tx, ws, { accounts, contacts, holders, people, catalog });
    const planned = planTasks({ rng, time, ws, accounts, contacts, holders, people, catalog });
    const { laterTimeline } = await insertTasks(tx, rng, ws, planned, historyStart(time.now));
    return { ws, people, catalog, laterTimeline };
  });
  if (!created) return null;
  // Through the use cases, each in its own transaction, so it follows the baseline's commit.
  const { ws, people, catalog, laterTimeline } = created;
  await seedShowcase(deps, ws, people, catalog, time, datedTimeline(deps.db, laterTimeline));
  return { email, password, demoUser: { email: demoStandardEmail, password: demoPassword } };
}
