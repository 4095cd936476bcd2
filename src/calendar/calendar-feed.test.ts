// A user's calendar feed as a calendar app sees it: a secret URL shown once, the user's open tasks as
// all-day events (title, account, link back), and a URL that dies on rotation, revocation or disabling.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';

/** Unfolds RFC 5545 content lines and returns each VEVENT as a map of property name → value. */
function events(ics: string): Array<Record<string, string>> {
  const lines = ics.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const out: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      out.push(current!);
      current = null;
    } else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return out;
}

describe('calendar feed', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    t = await testContext({ env: { PLAYMAKER_PUBLIC_URL: 'https://cs.example.com' } });
    w = await seedWorkspace(t.deps);
  });
  after(() => t.close());

  const me = (method: 'GET' | 'POST' | 'DELETE', token = w.tokens.standard) =>
    t.app.inject({ method, url: '/api/v1/me/calendar-feed', headers: bearer(token) });
  const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url: new URL(url).pathname });
  const addTask = async (title: string, userId: string, dueDate: string, priority = 'normal') => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: bearer(w.tokens.admin),
      payload: {
        accountId: w.acmeA.id,
        flowId: w.flow.id,
        title,
        description: '<p>Ask about <strong>seats</strong>; bring the deck.</p>',
        assignee: { type: 'user', userId },
        dueDate,
        priority,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };

  it("lists my open tasks as all-day events with a link back, and nobody else's", async () => {
    assert.deepEqual((await me('GET')).json(), {
      enabled: false,
      createdAt: null,
      lastFetchedAt: null,
    });
    const mine = await addTask('Call about the renewal', w.users.standard.id, '2026-03-09', 'high');
    await addTask("Someone else's task", w.users.advanced.id, '2026-03-10');
    const created = await me('POST');
    assert.equal(created.statusCode, 201, created.body);
    const url: string = created.json().url;
    assert.match(url, /^https:\/\/cs\.example\.com\/calendar\/pmc_[A-Za-z0-9_-]{43}\.ics$/);

    const feed = await fetchFeed(url);
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /^text\/calendar/);
    assert.match(feed.body, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    const list = events(feed.body);
    assert.equal(list.length, 1);
    const e = list[0]!;
    assert.equal(e.UID, `${mine}@playmaker`);
    assert.equal(e['DTSTART;VALUE=DATE'], '20260309');
    assert.equal(e.SUMMARY, 'Call about the renewal — Acme');
    assert.equal(e.PRIORITY, '1');
    assert.match(
      e.DESCRIPTION!,
      /^Ask about seats\\; bring the deck\.\\n\\nPriority: high\\nOpen in Playmaker: https:\/\/cs\.example\.com\/portfolio\?task=/,
    );
    assert.equal(e['URL;VALUE=URI'], `https://cs.example.com/portfolio?task=${mine}`);
    assert.equal((await me('GET')).json().enabled, true);
    assert.ok((await me('GET')).json().lastFetchedAt);

    // Completing the task takes it off the calendar.
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${mine}/complete`,
      headers: bearer(w.tokens.standard),
      payload: { version: 1 },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(events((await fetchFeed(url)).body).length, 0);
  });

  it('a new URL kills the old one; turning it off or disabling the user kills the URL', async () => {
    const first = (await me('POST')).json().url as string;
    const second = (await me('POST')).json().url as string;
    assert.notEqual(first, second);
    assert.equal((await fetchFeed(first)).statusCode, 404);
    assert.equal((await fetchFeed(second)).statusCode, 200);
    assert.equal((await me('DELETE')).statusCode, 204);
    const gone = await fetchFeed(second);
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.code, 'not_found');

    const advanced = (await me('POST', w.tokens.advanced)).json().url as string;
    assert.equal((await fetchFeed(advanced)).statusCode, 200);
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${w.users.advanced.id}/disable`,
      headers: bearer(w.tokens.admin),
      payload: { transferToUserId: w.users.admin.id },
    });
    assert.ok(off.statusCode < 300, off.body);
    assert.equal((await fetchFeed(advanced)).statusCode, 404);
    for (const junk of [
      '/calendar/x.ics',
      '/calendar/pmc_' + 'a'.repeat(43) + '.ics',
      '/calendar/feed',
    ])
      assert.equal((await t.app.inject({ method: 'GET', url: junk })).statusCode, 404, junk);
  });
});
