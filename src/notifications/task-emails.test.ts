// Task e-mails people can act on (SPEC §3, issue 9): each way a task is made — by hand, a template
// applied by hand, an outcome's follow-up, a play — queues an e-mail that, delivered over real SMTP
// and parsed as MIME, has a text and an HTML part, the due date written for people, a link to the
// task in the app and the signed "complete this task" link. User text is escaped in the HTML.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { emailOutbox, tasks } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';
import { verifyTaskLink } from '../templates/complete-link.ts';
import { createMailer } from './mailer.ts';
import { deliverDueMessages } from './deliver-outbox.ts';
import { formatDueDate, formatDueDateSql } from './task-email.ts';
import { queryRows } from '../db/rows.ts';
import { runManualPlay } from '../plays/run-play.ts';
import { withStatements } from '../test/count-statements.ts';
import type { ParsedMail } from 'mailparser';
import { smtpReceiver } from '../test/smtp-receiver.ts';

describe('task e-mails over SMTP: HTML + text, due date, task link, signed complete link', () => {
  let p: PlayWorld;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let mailer: ReturnType<typeof createMailer>;
  const made: Record<string, { id: string; dueDate: string; title: string }> = {};
  const summary: { id: string; dueDate: string; title: string }[] = [];

  const call = async (method: 'POST' | 'GET', url: string, payload?: object) => {
    const res = await p.t.app.inject({
      method,
      url,
      headers: bearer(p.w.tokens.advanced),
      ...(payload ? { payload } : {}),
    });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const template = (name: string, title: string, outcomes: unknown[] = []) =>
    call('POST', '/api/v1/templates', {
      name,
      title,
      description: '<p>Call them &amp; <b>listen</b></p>',
      dueOffsetDays: 2,
      flowId: p.w.flow.id,
      assigneeRule: { type: 'user', userId: p.w.users.standard.id },
      outcomes,
    });
  const taskOn = async (accountId: string, source: (typeof tasks.$inferSelect)['source']) => {
    const [task] = await p.t.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.accountId, accountId), eq(tasks.source, source)));
    assert.ok(task, `a ${source} task on the account`);
    return { id: task.id, dueDate: task.dueDate!, title: task.title };
  };

  before(async () => {
    p = await playWorld();
    smtp = await smtpReceiver();
    mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Playmaker <pm@example.test>',
      clock: p.t.deps.clock,
    });
    const [manualAcc, templateAcc, followAcc, playAcc] = await Promise.all([
      p.newAccounts(1, {}, { name: 'Manual <i>Co</i>' }),
      p.newAccounts(1, {}, { name: 'Template Co' }),
      p.newAccounts(1, {}, { name: 'Follow Co' }),
      p.newAccounts(1, { health: 'mailed' }, { name: 'Play Co' }),
    ]).then((a) => a.map((x) => x[0]!));
    const checkIn = await template('Check in', 'Check in with {{account.name}}');
    const first = await template('First call', 'First call to {{account.name}}', [
      {
        name: 'Again',
        actions: [{ type: 'create_task_from_template', templateId: checkIn.id, dueInDays: 2 }],
      },
    ]);

    await call('POST', '/api/v1/tasks', {
      accountId: manualAcc!.id,
      title: 'Call <script>alert(1)</script> now',
      description: '<p>Ask about the renewal</p>',
      flowId: p.w.flow.id,
      assignee: { userId: p.w.users.standard.id },
      dueDate: '2026-12-08',
      priority: 'high',
    });
    made.manual = await taskOn(manualAcc!.id, 'manual');
    await call('POST', `/api/v1/templates/${checkIn.id}/apply`, { accountIds: [templateAcc!.id] });
    made.template = await taskOn(templateAcc!.id, 'template');
    const toComplete = (
      await call('POST', `/api/v1/templates/${first.id}/apply`, { accountIds: [followAcc!.id] })
    ).tasks[0].id as string;
    await p.complete(toComplete, 'Again');
    await p.drain();
    made.followUp = await taskOn(followAcc!.id, 'follow_up');
    await p.play(
      {
        name: 'Mailed play',
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'mailed' },
        actions: [
          {
            id: 'call',
            type: 'create_task',
            templateId: checkIn.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
      { fireNow: true },
    );
    made.play = await taskOn(playAcc!.id, 'play');
    // A firing that gives the user several tasks sends one summary; a task deleted before
    // delivery is left out of it.
    const manyAccs = await p.newAccounts(3, { health: 'many' });
    await p.play(
      {
        name: 'Summary play',
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'many' },
        actions: [
          {
            id: 'call',
            type: 'create_task',
            templateId: checkIn.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
      { fireNow: true },
    );
    for (const acc of manyAccs) summary.push(await taskOn(acc.id, 'play'));
    await p.t.deps.db
      .update(tasks)
      .set({ status: 'deleted', deletedAt: new Date() })
      .where(eq(tasks.id, summary[2]!.id));

    // Everything queued so far goes out through a real SMTP session.
    const queued = await p.t.deps.db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, p.w.users.standard.email));
    await p.t.deps.db
      .update(emailOutbox)
      .set({ status: 'pending' })
      .where(
        inArray(
          emailOutbox.id,
          queued.map((q) => q.id),
        ),
      );
    const deps = { ...p.t.deps, mailer };
    while ((await deliverDueMessages(deps, 50)).claimed > 0);
  });
  after(async () => {
    mailer.smtp?.close();
    await smtp.close();
    await p.close();
  });

  const mailFor = (title: string) => {
    const mail = smtp.received.find((m) => m.subject === `New task: ${title}`);
    assert.ok(mail, `an e-mail for "${title}"; got ${smtp.received.map((m) => m.subject)}`);
    return mail;
  };

  const checks = (path: string) => () => {
    const task = made[path]!;
    const mail = mailFor(task.title);
    const text = mail.text ?? '';
    const html = typeof mail.html === 'string' ? mail.html : '';
    assert.ok(text, 'a text/plain part');
    assert.ok(html, 'a text/html part');
    const due = formatDueDate(task.dueDate);
    assert.notEqual(due, task.dueDate, 'the due date is written for people');
    assert.ok(text.includes(`Due: ${due}`), text);
    assert.ok(html.includes(due), html);
    const taskUrl = `/portfolio?task=${task.id}`;
    assert.ok(text.includes(taskUrl), text);
    assert.ok(html.includes(`${taskUrl}"`), html);
    const token = /\/t\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
    const claims = verifyTaskLink(p.t.deps.secrets, token, p.t.deps.clock.now());
    assert.equal(claims?.t, task.id, 'the signed link completes this task');
    assert.equal(claims?.u, p.w.users.standard.id);
    assert.ok(html.includes(`/t/${token}"`), 'the HTML part carries the same complete link');
  };

  it('a manual task', checks('manual'));
  it('a template task', checks('template'));
  it('a follow-up task', checks('followUp'));
  // The engine writes its e-mails in SQL; the sender renders and signs them from `payload`.
  it('a play task (rendered at delivery time)', checks('play'));

  it("a summary of a play's tasks: each with its task link and signed complete link", () => {
    const mail = smtp.received.find((m) => m.subject === 'New tasks: 3 from Summary play');
    assert.ok(mail, `a summary e-mail; got ${smtp.received.map((m) => m.subject)}`);
    const text = mail.text ?? '';
    const html = typeof mail.html === 'string' ? mail.html : '';
    assert.ok(html, 'a text/html part');
    const tokens = [...text.matchAll(/\/t\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
    const signed = tokens.map(
      (tok) => verifyTaskLink(p.t.deps.secrets, tok, p.t.deps.clock.now())?.t,
    );
    assert.deepEqual(new Set(signed), new Set([summary[0]!.id, summary[1]!.id]));
    for (const task of summary.slice(0, 2)) {
      assert.ok(text.includes(`/portfolio?task=${task.id}`), text);
      assert.ok(html.includes(`/portfolio?task=${task.id}"`), html);
      assert.ok(text.includes(task.title), text);
    }
    for (const tok of tokens) assert.ok(html.includes(`/t/${tok}"`), html);
    assert.ok(!text.includes(summary[2]!.id), 'the deleted task is left out');
    assert.ok(text.includes(formatDueDate(summary[0]!.dueDate)), text);
  });

  it("the outbox (what the app's outbox drawer shows) writes a play e-mail's due date in words", async () => {
    const task = made.play!;
    const rows: { subject: string; textBody: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; body: string; json(): unknown } = await p.t.app.inject({
        method: 'GET',
        url: `/api/v1/outbox?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        headers: bearer(p.w.tokens.admin),
      });
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as { data: typeof rows; nextCursor: string | null };
      rows.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    const mail = rows.find((r) => r.subject === `New task: ${task.title}`);
    assert.ok(mail, `the play's e-mail in the outbox; got ${rows.map((r) => r.subject)}`);
    assert.ok(mail.textBody.includes(`Due: ${formatDueDate(task.dueDate)}`), mail.textBody);
    assert.ok(!mail.textBody.includes(task.dueDate), mail.textBody);
    const several = rows.find((r) => r.subject === 'New tasks: 3 from Summary play');
    assert.ok(
      several?.textBody.includes(`due ${formatDueDate(summary[0]!.dueDate)}`),
      several?.textBody,
    );
  });

  it('the complete-from-e-mail page writes the due date like the e-mail', async () => {
    const task = made.play!;
    const text = mailFor(task.title).text ?? '';
    const token = /\/t\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
    const res = await p.t.app.inject({ method: 'GET', url: `/t/${token}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.body.includes(`due ${formatDueDate(task.dueDate)}`), res.body);
    assert.ok(!res.body.includes(task.dueDate), res.body);
  });

  it('the SQL twin of formatDueDate writes the same words', async () => {
    const dates = ['2026-03-05', '2026-12-31', '2027-01-01', '2028-02-29', '2026-09-13'];
    for (const d of dates) {
      const [row] = await queryRows<{ text: string }>(
        p.t.deps.db,
        sql`select ${formatDueDateSql(sql`${d}::text`)} as text`,
      );
      assert.equal(row!.text, formatDueDate(d));
    }
  });

  it('user text is escaped in the HTML part and left readable in the text part', () => {
    const mail = mailFor(made.manual!.title);
    const html = String(mail.html);
    assert.ok(!html.includes('<script>'), html);
    assert.ok(html.includes('Call &lt;script&gt;alert(1)&lt;/script&gt; now'), html);
    assert.ok(html.includes('Manual &lt;i&gt;Co&lt;/i&gt;'), html);
    assert.ok(mail.text!.includes('Task: Call <script>alert(1)</script> now'));
    assert.ok(mail.text!.includes('Account: Manual <i>Co</i>'));
  });
});

describe('a batch of play summaries is rendered with one read of its tasks', () => {
  let p: PlayWorld;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let mailer: ReturnType<typeof createMailer>;
  before(async () => {
    p = await playWorld();
    smtp = await smtpReceiver();
    mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Playmaker <pm@example.test>',
      clock: p.t.deps.clock,
    });
  });
  after(async () => {
    mailer.smtp?.close();
    await smtp.close();
    await p.close();
  });

  it('50 summaries from 50 "Run now" runs: one tasks query, each e-mail lists its own two tasks', async () => {
    const play = await p.play(
      {
        name: 'Pairs',
        trigger: { type: 'manual' },
        criteria: { kind: 'and', items: [] },
        actions: [
          {
            id: 'call',
            type: 'create_task',
            title: 'Call {{account.name}}',
            description: 'Pairs',
            dueInDays: 3,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
      { fireNow: false },
    );
    const accs = await p.newAccounts(100);
    for (let i = 0; i < 50; i++)
      await runManualPlay(p.t.deps, p.advanced, play.id, {
        accountIds: [accs[2 * i]!.id, accs[2 * i + 1]!.id],
      });
    await p.t.deps.db
      .update(emailOutbox)
      .set({ status: 'pending' })
      .where(eq(emailOutbox.toAddress, p.w.users.standard.email));
    const deps = { ...p.t.deps, mailer };
    const { result, statements } = await withStatements(p.t.deps.db, () =>
      deliverDueMessages(deps, 50),
    );
    assert.equal(result.claimed, 50);
    assert.equal(result.sent, 50);
    const taskReads = statements.filter((q) => /\bfrom tasks t\b/i.test(q));
    assert.equal(taskReads.length, 1, `task reads for 50 e-mails: ${taskReads.length}`);
    const summaries = smtp.received.filter((m) => m.subject === 'New tasks: 2 from Pairs');
    assert.equal(summaries.length, 50);
    for (let i = 0; i < 50; i++) {
      const names = [accs[2 * i]!.name, accs[2 * i + 1]!.name];
      const lists = (m: ParsedMail, name: string) => new RegExp(`Call ${name}\\b`).test(m.text!);
      const mail = summaries.find((m) => lists(m, names[0]!));
      assert.ok(mail, `the summary for ${names.join(' and ')}`);
      assert.ok(lists(mail, names[1]!), mail.text);
      assert.equal((mail.text!.match(/\/portfolio\?task=/g) ?? []).length, 2, mail.text);
    }
  });
});
