// Task e-mails people can act on (SPEC §3, issue 9), in a real browser: the server sends a task's
// assignment e-mail to a real SMTP receiver on loopback; its parsed MIME has text and HTML parts; the
// task link from the HTML opens the task in the app (signed in), and the signed complete link
// completes it without a session. The same for the e-mail an ownership change sends (the summary
// e-mails' shared template): each task with its own link and its own complete link.
import { before, after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlLinks, smtpReceiver } from '../src/test/smtp-receiver.ts';
import type { Browser, Page } from 'playwright-core';
import { browserSuite, ensureSignedIn, newPage, type Server } from './harness.ts';
import { createTask, getTask, isoInDays, lookups, type TaskOut } from './fixtures.ts';

describe('task e-mail links in the browser', () => {
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let server: Server;
  let browser: Browser;
  let page: Page;

  before(async () => {
    smtp = await smtpReceiver();
  });
  browserSuite(
    {
      env: () => ({
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        SMTP_FROM: 'Playmaker <pm@example.test>',
      }),
    },
    (s) => {
      ({ server, page, browser } = s);
    },
  );
  after(() => smtp.close());

  const mailFor = async (subject: string | ((subject: string) => boolean)) => {
    const deadline = Date.now() + 60_000;
    const wanted = typeof subject === 'string' ? (s: string) => s === subject : subject;
    for (;;) {
      const m = smtp.received.find((x) => wanted(x.subject ?? ''));
      if (m) return m;
      if (Date.now() > deadline)
        throw new Error(`no e-mail "${subject}"; got ${smtp.received.map((x) => x.subject)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  /** The link's path on the server under test (the e-mail names PLAYMAKER_PUBLIC_URL's origin). */
  const onServer = (href: string) => {
    const u = new URL(href);
    return `${server.baseUrl}${u.pathname}${u.search}`;
  };

  it('the task link opens the task; the signed link completes it without signing in', async () => {
    const data = await lookups(server);
    await server.api('PATCH', `/api/v1/users/${data.me.id}`, { emailNotifications: true });
    const title = `Call back about the renewal ${Date.now()}`;
    const task = await createTask(server, {
      accountId: data.accounts[0]!.id,
      flowId: data.flows[0]!.id,
      title,
      userId: data.me.id,
      dueDate: isoInDays(3),
      outcomes: ['Renewed', 'Not yet'],
    });
    const mail = await mailFor(`New task: ${title}`);
    assert.ok(mail.text?.includes(title), 'a text/plain part');
    assert.ok(typeof mail.html === 'string', 'a text/html part');
    const hrefs = htmlLinks(mail);
    const taskLink = hrefs.find((h) => h.includes(`/portfolio?task=${task.id}`));
    const completeLink = hrefs.find((h) => /\/t\/[\w-]+\.[\w-]+$/.test(h));
    assert.ok(taskLink && completeLink, `links in the HTML part: ${hrefs.join(' ')}`);

    await ensureSignedIn(page);
    await page.goto(onServer(taskLink));
    await page.getByRole('dialog', { name: 'Task' }).getByText(title).first().waitFor();

    // A fresh browser context: no session, only the signed link.
    const { page: anon } = await newPage(browser, server.baseUrl);
    await anon.goto(onServer(completeLink));
    await anon.getByRole('heading', { name: title }).waitFor();
    await anon.getByLabel('Renewed').check();
    await anon.getByLabel('Notes').fill('Signed for two more years.');
    await anon.getByRole('button', { name: 'Complete task' }).click();
    await anon.getByRole('heading', { name: 'Done' }).waitFor();
    const after = await getTask(server, task.id);
    assert.equal(after.status, 'completed');
    assert.equal(after.outcome, 'Renewed');
    await anon.context().close();
  });

  it("an ownership change's e-mail lists each task with its link and its signed complete link", async () => {
    const data = await lookups(server);
    await server.api('PATCH', `/api/v1/users/${data.me.id}`, { emailNotifications: true });
    await server.api('PATCH', '/api/v1/workspace', {
      settings: { ownershipPolicy: 'reassign_all' },
    });
    const role = await server.api<{ id: string }>('POST', '/api/v1/account-roles', {
      name: `Owner ${Date.now()}`,
    });
    const account = data.accounts[1]!;
    const assignable = await server.api<{ users: Array<{ id: string }> }>(
      'GET',
      `/api/v1/accounts/${account.id}/assignable`,
    );
    const other = assignable.users.find((u) => u.id !== data.me.id)!;
    const holder = (userId: string) =>
      server.api('PUT', `/api/v1/accounts/${account.id}/roles/${role.id}`, { userId });
    await holder(other.id);
    const titles = [`Send the renewal quote ${Date.now()}`, `Book the QBR ${Date.now()}`];
    const made: TaskOut[] = [];
    for (const [i, title] of titles.entries())
      made.push(
        await createTask(server, {
          accountId: account.id,
          flowId: data.flows[0]!.id,
          title,
          userId: other.id,
          dueDate: isoInDays(2 + i),
          outcomes: ['Done', 'Not yet'],
        }),
      );
    // The account changes hands: its open tasks move to the new holder, who is told at once.
    await holder(data.me.id);
    // The subject counts every open task that moved (the old holder may have had others there).
    const mail = await mailFor((subject) =>
      subject.endsWith(`on ${account.name} reassigned to you`),
    );
    assert.ok(typeof mail.html === 'string', 'a text/html part');
    const hrefs = htmlLinks(mail);
    assert.ok(
      hrefs.some((h) => h.endsWith(`/accounts/${account.id}`)),
      'the account heading links to it',
    );
    for (const [i, task] of made.entries()) {
      assert.ok(mail.text?.includes(titles[i]!), 'listed in the text/plain part');
      const at = hrefs.findIndex((h) => h.endsWith(`/portfolio?task=${task.id}`));
      assert.ok(at >= 0, `the task link of "${titles[i]}" in ${hrefs.join(' ')}`);
      assert.match(hrefs[at + 1]!, /\/t\/[\w-]+\.[\w-]+$/, 'followed by its complete link');
    }
    const first = hrefs.findIndex((h) => h.endsWith(`/portfolio?task=${made[0]!.id}`));

    await ensureSignedIn(page);
    await page.goto(onServer(hrefs[first]!));
    await page.getByRole('dialog', { name: 'Task' }).getByText(titles[0]!).first().waitFor();

    const { page: anon } = await newPage(browser, server.baseUrl);
    await anon.goto(onServer(hrefs[first + 1]!));
    await anon.getByRole('heading', { name: titles[0]! }).waitFor();
    await anon.getByLabel('Done').check();
    await anon.getByRole('button', { name: 'Complete task' }).click();
    await anon.getByRole('heading', { name: 'Done' }).waitFor();
    const after = await getTask(server, made[0]!.id);
    assert.equal(after.status, 'completed');
    assert.equal(after.assignee.id, data.me.id, 'completed as the new holder');
    await anon.context().close();
  });
});
