import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import { tasks, teamMembers, teams, users } from '../db/schema/index.ts';
import type { WorkingHours } from '../db/schema/index.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';
import { pickAssignees, type Pool } from './pool.ts';
import { resolveAssignee } from './resolve.ts';

const nineToFive: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

describe('team pool assignment', () => {
  let p: PlayWorld;
  let team: string;
  const u: Record<'berlin' | 'newYork' | 'tokyo' | 'utc', string> = {
    berlin: '',
    newYork: '',
    tokyo: '',
    utc: '',
  };
  // The test clock starts on Monday 2026-03-02 09:00 UTC: 10:00 in Berlin, 04:00 in New York, 18:00 in Tokyo.
  before(async () => {
    p = await playWorld();
    const [t] = await p.t.deps.db
      .insert(teams)
      .values({ workspaceId: p.ws, name: 'Pool' })
      .returning();
    team = t!.id;
    const people = [
      {
        key: 'berlin',
        timeZone: 'Europe/Berlin',
        weeklyCapacityHours: 10,
        attributes: { region: 'EMEA' },
      },
      {
        key: 'newYork',
        timeZone: 'America/New_York',
        weeklyCapacityHours: 40,
        attributes: { region: 'AMER' },
      },
      {
        key: 'tokyo',
        timeZone: 'Asia/Tokyo',
        weeklyCapacityHours: 40,
        attributes: { region: 'APAC' },
      },
      { key: 'utc', timeZone: 'UTC', weeklyCapacityHours: 5, attributes: { region: 'EMEA' } },
    ] as const;
    for (const x of people) {
      const [row] = await p.t.deps.db
        .insert(users)
        .values({
          workspaceId: p.ws,
          email: `${x.key}@pool.test`,
          name: x.key,
          role: 'standard',
          timeZone: x.timeZone,
          workingHours: nineToFive,
          weeklyCapacityHours: x.weeklyCapacityHours,
          attributes: x.attributes,
        })
        .returning();
      u[x.key] = row!.id;
      await p.t.deps.db
        .insert(teamMembers)
        .values({ workspaceId: p.ws, teamId: team, userId: row!.id });
    }
  });
  after(() => p.close());

  /** Gives a user `n` open tasks (their load). */
  const load = async (userId: string, n: number) => {
    if (n === 0) return;
    await p.t.deps.db.insert(tasks).values(
      Array.from({ length: n }, (_, i) => ({
        workspaceId: p.ws,
        accountId: p.w.acmeA.id,
        kind: 'todo' as const,
        title: `Load ${i}`,
        description: '',
        flowId: p.w.flow.id,
        assigneeUserId: userId,
        dueDate: '2026-03-10',
      })),
    );
  };
  const clearLoad = () =>
    p.t.deps.db.delete(tasks).where(inArray(tasks.assigneeUserId, Object.values(u)));
  const tally = (picks: Array<string | null>) => {
    const out: Record<string, number> = {};
    for (const id of picks) {
      const k = Object.entries(u).find(([, v]) => v === id)?.[0] ?? 'nobody';
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };
  const pick = (pool: Pool, count: number, key = 'k') =>
    pickAssignees(p.t.deps.db, p.ws, pool, count, p.t.clock.now(), key);

  it('next available: only people inside their working hours (in their own time zone), by capacity minus open effort', async () => {
    await clearLoad();
    await load(u.berlin, 8); // 10 h capacity − 8 open → 2 free
    const pool: Pool = { teamId: team, strategy: 'next_available' };
    // New York (04:00) and Tokyo (18:00) are outside their hours; UTC has 5 free, Berlin 2: seven tasks fit, the eighth does not.
    const { picks, empty } = await pick(pool, 8);
    assert.equal(empty, false);
    assert.deepEqual(tally(picks), { utc: 5, berlin: 2, nobody: 1 });
    assert.equal(picks[0], u.utc, 'the most free capacity first');
    // Five hours later it is 09:00 in New York: the person with the most free capacity now works.
    p.t.clock.advanceMs(5 * 3_600_000);
    assert.deepEqual((await pick(pool, 1)).picks, [u.newYork]);
    p.t.clock.advanceMs(-5 * 3_600_000);
  });

  it('next available skips disabled users; nobody available falls back to the play owner with the reason', async () => {
    await clearLoad();
    await p.t.deps.db.update(users).set({ enabled: false }).where(eq(users.id, u.utc));
    const pool: Pool = { teamId: team, strategy: 'next_available' };
    assert.deepEqual(tally((await pick(pool, 3)).picks), { berlin: 3 });
    await load(u.berlin, 10);
    assert.deepEqual(
      tally((await pick(pool, 1)).picks),
      { nobody: 1 },
      'Berlin is at capacity, the others are off work or disabled',
    );
    const fallback = { ownerUserId: p.w.users.advanced.id, createdBy: p.w.users.admin.id };
    const r = await resolveAssignee(p.t.deps.db, {
      workspaceId: p.ws,
      accountId: p.w.acmeA.id,
      rule: { type: 'pool', pool },
      fallback,
      cursorKey: 'x',
      now: p.t.clock.now(),
    });
    assert.deepEqual(r, { userId: p.w.users.advanced.id, fallbackReason: 'nobody_available' });
    const none = await resolveAssignee(p.t.deps.db, {
      workspaceId: p.ws,
      accountId: p.w.acmeA.id,
      rule: {
        type: 'pool',
        pool: { teamId: team, match: { region: 'LATAM' }, strategy: 'least_loaded' },
      },
      fallback,
      cursorKey: 'x',
      now: p.t.clock.now(),
    });
    assert.deepEqual(none, { userId: p.w.users.advanced.id, fallbackReason: 'pool_empty' });
    await p.t.deps.db.update(users).set({ enabled: true }).where(eq(users.id, u.utc));
  });

  it('least loaded: the fewest open tasks first, spreading a burst; profile attributes narrow the pool', async () => {
    await clearLoad();
    await load(u.berlin, 8);
    await load(u.tokyo, 1);
    await load(u.utc, 12);
    // New York (0) and Tokyo (1) end level at 2 each after three picks; whatever the tie order, New York took two.
    assert.deepEqual(tally((await pick({ teamId: team, strategy: 'least_loaded' }, 3)).picks), {
      newYork: 2,
      tokyo: 1,
    });
    assert.deepEqual(
      tally(
        (await pick({ teamId: team, match: { region: 'EMEA' }, strategy: 'least_loaded' }, 2))
          .picks,
      ),
      { berlin: 2 },
    );
  });

  it('round robin: a shared cursor gives concurrent firings disjoint turns; disabled users are skipped', async () => {
    const pool: Pool = { teamId: team, strategy: 'round_robin' };
    const order = [...Object.values(u)].sort();
    const first = (await pick(pool, 2, 'rr')).picks;
    const second = (await pick(pool, 3, 'rr')).picks;
    assert.deepEqual(
      [...first, ...second],
      [0, 1, 2, 3, 0].map((i) => order[i]),
    );
    // Eight firings at once, three turns each, in their own transactions: 24 turns, six per person.
    const all = await Promise.all(
      Array.from({ length: 8 }, () =>
        p.t.deps.db.transaction(
          async (tx) =>
            (await pickAssignees(tx, p.ws, pool, 3, p.t.clock.now(), 'rr-concurrent')).picks,
        ),
      ),
    );
    assert.deepEqual(Object.values(tally(all.flat())).sort(), [6, 6, 6, 6]);
    await p.t.deps.db.update(users).set({ enabled: false }).where(eq(users.id, u.tokyo));
    const picks = (await pick(pool, 6, 'rr-disabled')).picks;
    assert.ok(!picks.includes(u.tokyo));
    assert.deepEqual(Object.values(tally(picks)), [2, 2, 2]);
    await p.t.deps.db.update(users).set({ enabled: true }).where(eq(users.id, u.tokyo));
  });

  it('a play with a round-robin pool spreads its tasks; a pool with nobody available marks the fallback', async () => {
    await clearLoad();
    const rr = await p.play({
      name: 'RR',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'rr' },
      actions: [
        {
          id: 'r',
          type: 'create_task',
          title: 'T',
          description: 'D',
          dueInDays: 1,
          flowId: p.w.flow.id,
          assignee: { type: 'pool', pool: { teamId: team, strategy: 'round_robin' } },
        },
      ],
    });
    const accs = await p.newAccounts(8, { health: 'green' });
    for (const a of accs) await p.setAttrs(a.id, { health: 'rr' });
    await p.drain();
    const made = await p.openTasks(rr.id);
    assert.equal(made.length, 8);
    assert.deepEqual(Object.values(tally(made.map((t) => t.assigneeUserId))), [2, 2, 2, 2]);
    assert.ok(made.every((t) => t.fallbackReason === null));
    const off = await p.play({
      name: 'Off hours',
      ownerUserId: p.w.users.admin.id,
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'apac' },
      actions: [
        {
          id: 'o',
          type: 'create_task',
          title: 'T',
          description: 'D',
          dueInDays: 1,
          flowId: p.w.flow.id,
          assignee: {
            type: 'pool',
            pool: { teamId: team, match: { region: 'APAC' }, strategy: 'next_available' },
          },
        },
      ],
    });
    await p.setAttrs(accs[0]!.id, { health: 'apac' });
    await p.drain();
    const [task] = await p.openTasks(off.id);
    assert.equal(task!.assigneeUserId, p.w.users.admin.id, 'the play owner');
    assert.equal(task!.fallbackReason, 'nobody_available', 'Tokyo is off work');
  });
});
