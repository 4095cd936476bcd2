// The daily digest as its reader gets it: at their local hour, once a day however many workers run,
// with due today, overdue and what plays gave them, as HTML and text, each task with its link in the
// app and its signed complete link.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { emailOutbox, tasks, users } from '../db/schema/index.ts';
import { sendDailyDigests } from './send-digests.ts';
import { htmlLinks, smtpReceiver } from '../test/smtp-receiver.ts';
import { verifyTaskLink } from '../templates/complete-link.ts';

describe('daily digest', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  before(async () => {
    smtp = await smtpReceiver();
    t = await testContext({ env: { PLAYMAKER_PUBLIC_URL: 'https://cs.example.com' } });
    w = await seedWorkspace(t.deps);
    await t.deps.db
      .update(users)
      .set({ timeZone: 'America/New_York' })
      .where(eq(users.id, w.users.standard.id));
  });
  after(async () => {
    await smtp.close();
    await t.close();
  });

  const digests = () =>
    t.deps.db
      .select()
      .from(emailOutbox)
      .where(
        and(eq(emailOutbox.kind, 'daily_digest'), eq(emailOutbox.workspaceId, w.workspace.id)),
      );
  const addTask = async (title: string, dueDate: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: bearer(w.tokens.admin),
      payload: {
        accountId: w.acmeA.id,
        flowId: w.flow.id,
        title,
        description: '<p>x</p>',
        assignee: { type: 'user', userId: w.users.standard.id },
        dueDate,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };

  it('is opt-in at a local hour; bad hours are refused', async () => {
    const put = (hour: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/digest',
        headers: bearer(w.tokens.standard),
        payload: { hour },
      });
    assert.deepEqual(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/me/digest',
          headers: bearer(w.tokens.standard),
        })
      ).json(),
      { hour: null },
    );
    for (const hour of [24, -1, 7.5, '8']) {
      const bad = await put(hour);
      assert.equal(bad.statusCode, 400, String(hour));
      assert.equal(bad.json().error.details[0].path, 'body.hour');
    }
    assert.deepEqual((await put(8)).json(), { hour: 8 });
    assert.deepEqual(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/me/digest',
          headers: bearer(w.tokens.standard),
        })
      ).json(),
      { hour: 8 },
    );
  });

  it('goes out once at 08:00 New York time with today, overdue and play work, however many workers run', async () => {
    const today = await addTask('Call about the renewal', '2026-03-02');
    const overdue = await addTask('Send the QBR deck', '2026-02-26');
    await addTask('Plan the kickoff', '2026-03-20');
    const fromPlay = await addTask('Welcome the new admin', '2026-03-09');
    await t.deps.db
      .update(tasks)
      .set({ playId: randomUUID(), source: 'play' })
      .where(eq(tasks.id, fromPlay));

    t.clock.set('2026-03-02T12:59:00Z'); // 07:59 in New York
    assert.equal(await sendDailyDigests(t.deps), 0);
    assert.equal((await digests()).length, 0);

    t.clock.set('2026-03-02T13:10:00Z'); // 08:10
    const sent = await Promise.all([
      sendDailyDigests(t.deps),
      sendDailyDigests(t.deps),
      sendDailyDigests(t.deps),
    ]);
    assert.equal(
      sent.reduce((a, b) => a + b, 0),
      1,
      'three workers, one digest',
    );
    const [mail, ...more] = await digests();
    assert.equal(more.length, 0);
    assert.equal(mail!.toAddress, 'standard@w1.test');
    assert.equal(mail!.subject, 'Your day in Playmaker: 1 due today, 1 overdue, 1 new from plays');
    // As the reader's mail program shows it: HTML with a plain-text alternative.
    await smtp.deliver(t.deps);
    const parsed = smtp.received.find((m) => m.subject === mail!.subject)!;
    assert.ok(parsed, `delivered over SMTP; got ${smtp.received.map((m) => m.subject)}`);
    const text = parsed.text ?? '';
    const html = String(parsed.html || '');
    assert.ok(html, 'a text/html part');
    assert.match(text, /Hi Sam Standard, here is your work for Monday, 2 March 2026\./);
    assert.match(html, /Hi Sam Standard, here is your work for Monday, 2 March 2026\./);
    assert.match(
      text,
      new RegExp(
        `Due today \\(1\\)\\n\\n- Call about the renewal \\(Acme\\)\\n  Due: Monday, 2 March 2026, priority normal\\n  Open: https://cs\\.example\\.com/portfolio\\?task=${today}`,
      ),
    );
    assert.match(
      text,
      /Overdue \(1\)\n\n- Send the QBR deck \(Acme\)\n {2}Due: Thursday, 26 February 2026/,
    );
    assert.match(
      text,
      /New from plays since yesterday \(1\)\n\n- Welcome the new admin \(Acme\)\n {2}Due: Monday, 9 March 2026/,
    );
    assert.match(text, /You get this because you turned on the daily digest/);
    // Every task links into the app and carries its signed complete link, in both parts.
    const links = htmlLinks(parsed);
    for (const id of [today, overdue, fromPlay]) {
      assert.ok(links.includes(`https://cs.example.com/portfolio?task=${id}`), links.join(' '));
      const signed = links
        .filter((l) => l.startsWith('https://cs.example.com/t/'))
        .map((l) => verifyTaskLink(t.deps.secrets, l.split('/t/')[1]!, t.clock.now()));
      assert.ok(
        signed.some((c) => c?.t === id && c.u === w.users.standard.id),
        `a complete link for ${id}`,
      );
    }
    for (const l of links.filter((x) => x.includes('/t/'))) assert.ok(text.includes(l), l);
    assert.doesNotMatch(text, /Plan the kickoff/);

    t.clock.set('2026-03-03T04:50:00Z'); // 23:50 in New York (3 March in UTC): still today, nothing more
    assert.equal(await sendDailyDigests(t.deps), 0);
    t.clock.set('2026-03-03T13:05:00Z'); // the next morning: the next one
    assert.equal(await sendDailyDigests(t.deps), 1);
    assert.equal((await digests()).length, 2);
  });

  it('stops when turned off or when the user is disabled', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/digest',
      headers: bearer(w.tokens.standard),
      payload: { hour: null },
    });
    t.clock.set('2026-03-04T13:05:00Z');
    assert.equal(await sendDailyDigests(t.deps), 0);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/digest',
      headers: bearer(w.tokens.standard),
      payload: { hour: 8 },
    });
    await t.deps.db.update(users).set({ enabled: false }).where(eq(users.id, w.users.standard.id));
    assert.equal(await sendDailyDigests(t.deps), 0);
  });
});
