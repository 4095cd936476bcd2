import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { seedWorkspace } from '../test/fixtures.ts';
import { holidays, teams, workspaces } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { intArray, textArray, uuidArray } from '../db/arrays.ts';
import { addDays } from '../workspaces/dates.ts';
import { addWorkingDays } from './calendar.ts';
import { addWorkingDaysSql, userCalendarSql } from './calendar-sql.ts';
import { calendarFor, loadCalendars } from './load-calendars.ts';

/** A small seeded generator, so a failing case is the same case on the next run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Case = { start: string; n: number; calendar: string };

describe('working days: the SQL twin agrees with the pure function', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
  });
  after(() => t.close());

  async function sqlAnswers(cases: Case[]): Promise<string[]> {
    const rows = await queryRows<{ due: string }>(
      t.deps.db,
      sql`select ${addWorkingDaysSql(sql`c.start`, sql`c.n`, w.workspace.id, sql`c.cal`)}::text as due
        from unnest(${textArray(cases.map((c) => c.start))}::date[], ${intArray(cases.map((c) => c.n))},
          ${textArray(cases.map((c) => c.calendar))}) with ordinality as c(start, n, cal, ord)
        order by c.ord`,
    );
    return rows.map((r) => r.due);
  }

  async function setWorkingDays(days: number[]) {
    const [ws] = await t.deps.db
      .select({ settings: workspaces.settings })
      .from(workspaces)
      .where(eq(workspaces.id, w.workspace.id));
    await t.deps.db
      .update(workspaces)
      .set({ settings: { ...ws!.settings, workingDays: days } })
      .where(eq(workspaces.id, w.workspace.id));
  }

  it('on ~200 generated cases: weekends, holidays, long offsets, the year end', async () => {
    const rnd = random(20261205);
    // Calendar "uk": Christmas, Boxing day (a Saturday), New Year and a run of random dates;
    // calendar "de": a holiday Monday (7 Dec 2026); "empty" has none.
    const uk = new Set(['2026-12-25', '2026-12-26', '2027-01-01', '2026-12-28']);
    while (uk.size < 40) uk.add(addDays('2026-10-01', Math.floor(rnd() * 200)));
    const de = new Set(['2026-12-07', '2026-12-24', '2026-12-31']);
    await t.deps.db.insert(holidays).values([
      ...[...uk].map((date) => ({
        workspaceId: w.workspace.id,
        calendar: 'uk',
        date,
        name: 'UK',
      })),
      ...[...de].map((date) => ({
        workspaceId: w.workspace.id,
        calendar: 'de',
        date,
        name: 'DE',
      })),
    ]);
    const byName: Record<string, Set<string>> = { uk, de, empty: new Set() };
    const names = Object.keys(byName);
    const weekSets = [[1, 2, 3, 4, 5], [7, 1, 2, 3, 4], [3], [1, 2, 3, 4, 5, 6, 7]];
    let total = 0;
    for (const workingDays of weekSets) {
      await setWorkingDays(workingDays);
      const cases: Case[] = [
        // Friday + 2 → Tuesday; a holiday Monday → Wednesday; 0 on a Saturday; the year end.
        { start: '2026-12-04', n: 2, calendar: 'empty' },
        { start: '2026-12-04', n: 2, calendar: 'de' },
        { start: '2026-12-05', n: 0, calendar: 'de' },
        { start: '2026-12-23', n: 5, calendar: 'uk' },
        { start: '2026-12-31', n: 1, calendar: 'uk' },
      ];
      while (cases.length < 50)
        cases.push({
          start: addDays('2026-10-01', Math.floor(rnd() * 200)),
          n: rnd() < 0.1 ? 0 : Math.floor(rnd() * (rnd() < 0.2 ? 60 : 8)),
          calendar: names[Math.floor(rnd() * names.length)]!,
        });
      const expected = cases.map((c) =>
        addWorkingDays(c.start, c.n, { workingDays, holidays: byName[c.calendar]! }),
      );
      assert.deepEqual(await sqlAnswers(cases), expected, `working days ${workingDays}`);
      total += cases.length;
    }
    assert.equal(total, 200);
    await setWorkingDays([1, 2, 3, 4, 5]);
    assert.deepEqual(
      await sqlAnswers([
        { start: '2026-12-04', n: 2, calendar: 'empty' },
        { start: '2026-12-04', n: 2, calendar: 'de' },
      ]),
      ['2026-12-08', '2026-12-09'],
    );
  });

  it('an assignee gets their first team’s calendar in code and in SQL, else the workspace’s', async () => {
    await t.deps.db.update(teams).set({ holidayCalendar: 'de' }).where(eq(teams.id, w.teamB.id));
    const cals = await loadCalendars(t.deps.db, w.workspace.id);
    const inCode = [w.users.standardB.id, w.users.standard.id].map((u) =>
      addWorkingDays('2026-12-04', 2, calendarFor(cals, u)),
    );
    assert.deepEqual(inCode, ['2026-12-09', '2026-12-08']);
    const rows = await queryRows<{ due: string }>(
      t.deps.db,
      sql`select ${addWorkingDaysSql(sql`'2026-12-04'::date`, sql`2`, w.workspace.id, userCalendarSql(w.workspace.id, sql`u.id`))}::text as due
        from unnest(${uuidArray([w.users.standardB.id, w.users.standard.id])}) with ordinality as u(id, ord) order by u.ord`,
    );
    assert.deepEqual(
      rows.map((r) => r.due),
      inCode,
    );
  });
});
