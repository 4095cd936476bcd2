import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';

describe('working days and holiday calendars through the API', () => {
  let t: TestContext, w: Seeded, w2: Seeded;
  before(async () => ({ t, w, w2 } = await twoWorkspaces()));
  after(() => t.close());

  const call = injectAs(() => t);
  const holidaysOf = async (token: string, calendar?: string) =>
    (await call('GET', `/api/v1/holidays${calendar ? `?calendar=${calendar}` : ''}`, token)).json()
      .data;

  it('an admin sets the working week and the workspace calendar; everyone reads them', async () => {
    const res = await call('PATCH', '/api/v1/workspace', w.tokens.admin, {
      settings: { workingDays: [5, 1, 2, 3, 4], holidayCalendar: 'uk' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const read = await call('GET', '/api/v1/workspace', w.tokens.standard);
    assert.deepEqual(read.json().settings.workingDays, [1, 2, 3, 4, 5]);
    assert.equal(read.json().settings.holidayCalendar, 'uk');
    const refused = await call('PATCH', '/api/v1/workspace', w.tokens.advanced, {
      settings: { workingDays: [1, 2, 3] },
    });
    assert.equal(refused.statusCode, 403);
  });

  it('refuses an empty or repeated working week with the one error shape, changing nothing', async () => {
    for (const [workingDays, path] of [
      [[], 'body.settings.workingDays'],
      [[1, 1, 2], 'body.settings.workingDays'],
      [[0, 8], 'body.settings.workingDays.0'],
    ] as const) {
      const bad = await call('PATCH', '/api/v1/workspace', w.tokens.admin, {
        name: 'Should not stick',
        settings: { workingDays },
      });
      assert.equal(bad.statusCode, 400, JSON.stringify(workingDays));
      assert.equal(bad.json().error.code, 'validation_failed');
      assert.equal(bad.json().error.details[0].path, path);
    }
    const read = (await call('GET', '/api/v1/workspace', w.tokens.admin)).json();
    assert.deepEqual(read.settings.workingDays, [1, 2, 3, 4, 5]);
    assert.notEqual(read.name, 'Should not stick');
  });

  it('adds, lists and removes holidays; Feb 30 and a duplicate date are refused', async () => {
    const add = await call('POST', '/api/v1/holidays', w.tokens.admin, {
      calendar: 'uk',
      date: '2026-12-25',
      name: 'Christmas Day',
    });
    assert.equal(add.statusCode, 201, add.body);
    assert.deepEqual(add.json(), { calendar: 'uk', date: '2026-12-25', name: 'Christmas Day' });
    const dup = await call('POST', '/api/v1/holidays', w.tokens.admin, {
      calendar: 'uk',
      date: '2026-12-25',
      name: 'Again',
    });
    assert.equal(dup.statusCode, 400);
    assert.equal(dup.json().error.details[0].path, 'body.date');
    const feb30 = await call('POST', '/api/v1/holidays', w.tokens.admin, {
      calendar: 'uk',
      date: '2026-02-30',
      name: 'Nope',
    });
    assert.equal(feb30.statusCode, 400);
    assert.equal(feb30.json().error.details[0].path, 'body.date');
    // No calendar given: the workspace's default calendar name "default".
    const plain = await call('POST', '/api/v1/holidays', w.tokens.admin, {
      date: '2026-12-07',
      name: 'Team day',
    });
    assert.equal(plain.json().calendar, 'default');
    assert.deepEqual(
      (await holidaysOf(w.tokens.standard, 'uk')).map((h: { name: string }) => h.name),
      ['Christmas Day'],
    );
    assert.equal((await holidaysOf(w.tokens.standard)).length, 2);
    assert.deepEqual(await holidaysOf(w2.tokens.admin), [], 'another workspace sees none');
    const advanced = await call('POST', '/api/v1/holidays', w.tokens.advanced, {
      date: '2026-12-08',
      name: 'x',
    });
    assert.equal(advanced.statusCode, 403);

    const gone = await call('DELETE', '/api/v1/holidays/default/2026-12-07', w.tokens.admin);
    assert.equal(gone.statusCode, 204);
    const again = await call('DELETE', '/api/v1/holidays/default/2026-12-07', w.tokens.admin);
    assert.equal(again.statusCode, 404);
    const otherWs = await call('DELETE', '/api/v1/holidays/uk/2026-12-25', w2.tokens.admin);
    assert.equal(otherWs.statusCode, 404, 'another workspace cannot remove it');
  });

  it('replaces a calendar from an imported list; a date twice refuses the whole list', async () => {
    const bad = await call('PUT', '/api/v1/holidays/uk', w.tokens.admin, {
      dates: [
        { date: '2027-01-01', name: 'New Year' },
        { date: '2027-01-01', name: 'New Year again' },
      ],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details[0].path, 'body.dates.1.date');
    assert.deepEqual(
      (await holidaysOf(w.tokens.admin, 'uk')).map((h: { date: string }) => h.date),
      ['2026-12-25'],
      'nothing changed',
    );
    // Oversized: more than 2,000 dates, or a name over 200 characters.
    const many = Array.from({ length: 2001 }, (_, i) => ({
      date: new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10),
      name: 'Day off',
    }));
    const tooMany = await call('PUT', '/api/v1/holidays/uk', w.tokens.admin, { dates: many });
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json().error.details[0].path, 'body.dates');
    const longName = await call('POST', '/api/v1/holidays', w.tokens.admin, {
      calendar: 'uk',
      date: '2027-05-03',
      name: 'x'.repeat(201),
    });
    assert.equal(longName.statusCode, 400);
    assert.equal(longName.json().error.details[0].path, 'body.name');
    assert.equal((await holidaysOf(w.tokens.admin, 'uk')).length, 1, 'still nothing changed');
    const ok = await call('PUT', '/api/v1/holidays/uk', w.tokens.admin, {
      dates: [
        { date: '2027-01-01', name: 'New Year' },
        { date: '2026-12-28', name: 'Christmas (substitute)' },
      ],
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(
      ok.json().data.map((h: { date: string }) => h.date),
      ['2026-12-28', '2027-01-01'],
    );
  });

  it('a team gets its own calendar; clearing it falls back to the workspace’s', async () => {
    const set = await call('PATCH', `/api/v1/teams/${w.teamB.id}`, w.tokens.admin, {
      holidayCalendar: 'de',
    });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().holidayCalendar, 'de');
    assert.equal(set.json().name, 'Team B', 'the name is kept');
    // A path-like name, or an id mistaken for a calendar, is refused.
    for (const holidayCalendar of ['de/../x', w.teamB.id]) {
      const bad = await call('PATCH', `/api/v1/teams/${w.teamB.id}`, w.tokens.admin, {
        holidayCalendar,
      });
      assert.equal(bad.statusCode, 400, holidayCalendar);
      assert.equal(bad.json().error.details[0].path, 'body.holidayCalendar');
    }
    const cleared = await call('PATCH', `/api/v1/teams/${w.teamB.id}`, w.tokens.admin, {
      holidayCalendar: null,
    });
    assert.equal(cleared.json().holidayCalendar, null);
  });

  it('every change is in the audit log, in words', async () => {
    const res = await call('GET', '/api/v1/audit-events?limit=50', w.tokens.admin);
    assert.equal(res.statusCode, 200, res.body);
    const kinds = res.json().data.map((e: { kind: string }) => e.kind);
    for (const k of ['holiday.added', 'holiday.removed', 'holidays.replaced', 'team.calendar_set'])
      assert.ok(kinds.includes(k), k);
    const ws = res.json().data.find((e: { kind: string }) => e.kind === 'workspace.updated');
    assert.deepEqual(ws.changes['settings.holidayCalendar'], { before: 'default', after: 'uk' });
  });
});
