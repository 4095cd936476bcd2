import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray, sql } from 'drizzle-orm';
import { runPendingJobs, testContext, usingPostgres, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import {
  accountRoleHolders,
  accountRoles,
  accounts,
  accountTeams,
  emailOutbox,
  ownershipNotifications,
  tasks,
  users,
  workspaces,
} from '../db/schema/index.ts';
import { allSchedules } from '../jobs/all-jobs.ts';
import { notifyMovedTasks, type TaskMove } from './notify-moved-tasks.ts';
import { reassignOnRoleChange } from './reassign-on-role-change.ts';
import { ownershipSummaryJob } from './send-ownership-summaries.ts';
import { htmlLinks, smtpReceiver } from '../test/smtp-receiver.ts';
import { verifyTaskLink } from '../templates/complete-link.ts';
import { publicBaseUrl } from '../config.ts';

type Mail = typeof emailOutbox.$inferSelect;

describe('ownership change e-mails and the 15-minute summary', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let csm: { id: string };
  const seen = new Set<string>();
  let n = 0;

  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  before(async () => {
    smtp = await smtpReceiver();
    t = await testContext();
    w = await seedWorkspace(t.deps, 'own3');
    const [role] = await t.deps.db
      .insert(accountRoles)
      .values({ workspaceId: w.workspace.id, name: 'Success Manager' })
      .returning();
    csm = role!;
    await settings({ ownershipPolicy: 'reassign_all' });
    await newMail();
  });
  after(async () => {
    // pg-pool's end() resolves before idle clients finish closing, and the harness's forced DROP DATABASE
    // can kill them in that window; without a listener the pool would throw that as uncaught (reported).
    t.database.pool?.on('error', () => undefined);
    await t.close();
    await smtp.close();
  });

  async function settings(patch: Record<string, unknown>) {
    await t.deps.db
      .update(workspaces)
      .set({ settings: sql`${workspaces.settings} || ${JSON.stringify(patch)}::jsonb` })
      .where(eq(workspaces.id, w.workspace.id));
  }
  /** E-mails written since the previous call. */
  async function newMail(): Promise<Mail[]> {
    const rows = (await t.deps.db.select().from(emailOutbox)).filter((m) => !seen.has(m.id));
    for (const m of rows) seen.add(m.id);
    return rows;
  }
  async function user(name: string, opts: { emailNotifications?: boolean } = {}) {
    const [u] = await t.deps.db
      .insert(users)
      .values({
        workspaceId: w.workspace.id,
        email: `${name.toLowerCase()}@own3.test`,
        name,
        ...opts,
      })
      .returning();
    return u!;
  }
  async function account(name: string) {
    const [a] = await t.deps.db
      .insert(accounts)
      .values({ workspaceId: w.workspace.id, externalId: `x-${++n}`, name })
      .returning();
    await t.deps.db
      .insert(accountTeams)
      .values({ workspaceId: w.workspace.id, accountId: a!.id, teamId: w.teamA.id });
    return a!;
  }
  async function task(
    accountId: string,
    assigneeUserId: string,
    title: string,
    dueDate = '2026-03-10',
  ) {
    const [row] = await t.deps.db
      .insert(tasks)
      .values({
        workspaceId: w.workspace.id,
        accountId,
        assigneeUserId,
        title,
        kind: 'todo',
        description: 'd',
        flowId: w.flow.id,
        dueDate,
        source: 'play',
      })
      .returning();
    return row!;
  }
  const disable = (id: string, transferToUserId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${id}/disable`,
      headers: bearer(w.tokens.admin),
      payload: { transferToUserId },
    });
  const putRole = (accountId: string, userId: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/accounts/${accountId}/roles/${csm.id}`,
      headers: bearer(w.tokens.admin),
      payload: { userId },
    });
  async function runSummaryJob() {
    await t.deps.queue.send(ownershipSummaryJob, {});
    assert.equal(await runPendingJobs(t, 'ownership-summary'), 1);
  }
  const pendingFor = (userId: string) =>
    t.deps.db
      .select()
      .from(ownershipNotifications)
      .where(eq(ownershipNotifications.userId, userId));
  /** A user holding tasks on several accounts, disabled with `receiver` taking everything over. */
  async function handOver(
    label: string,
    receiverId: string,
    perAccount: Array<[string, string[]]>,
  ) {
    const leaver = await user(`Leaver${label}`);
    const made: Record<string, string> = {};
    for (const [accountName, titles] of perAccount) {
      const a = await account(accountName);
      for (const title of titles) made[title] = (await task(a.id, leaver.id, title)).id;
    }
    const res = await disable(leaver.id, receiverId);
    assert.equal(res.statusCode, 200, res.body);
    return { res, made };
  }
  const listed = (m: Mail) =>
    [...m.textBody.matchAll(/^- (.+) \([^()]+\)\n {2}Due: /gm)].map((x) => x[1]!).sort();

  /** Over SMTP: HTML and text parts, each task with its link in the app and its signed complete link. */
  async function checkDelivered(mail: Mail, userId: string, taskIds: string[]) {
    await smtp.deliver(t.deps);
    const parsed = smtp.received.find((m) => m.subject === mail.subject);
    assert.ok(parsed, `delivered; got ${smtp.received.map((m) => m.subject)}`);
    const text = parsed.text ?? '';
    assert.ok(String(parsed.html || '').includes('are now yours'), 'a text/html part');
    const links = htmlLinks(parsed);
    for (const id of taskIds) {
      const app = `${publicBaseUrl(t.deps.config)}/portfolio?task=${id}`;
      assert.ok(links.includes(app) && text.includes(app), `the task link of ${id}`);
      const signed = links
        .filter((l) => l.includes('/t/'))
        .map((l) => verifyTaskLink(t.deps.secrets, l.split('/t/')[1]!, t.clock.now()));
      assert.ok(
        signed.some((c) => c?.t === id && c.u === userId),
        `a complete link for ${id}`,
      );
    }
  }

  it('is scheduled every 15 minutes', () => {
    const s = allSchedules.find((x) => x.job === ownershipSummaryJob);
    assert.equal(s?.cron, '*/15 * * * *');
  });

  it('a single-account change e-mails the new holder at once, listing exactly the moved tasks', async () => {
    const [from, to] = [await user('Fromme'), await user('Tomas')];
    const a = await account('Solo Corp');
    await t.deps.db
      .insert(accountRoleHolders)
      .values({ workspaceId: w.workspace.id, accountId: a.id, roleId: csm.id, userId: from.id });
    await task(a.id, from.id, 'Kickoff call');
    await task(a.id, from.id, 'Send QBR deck', '2026-03-20');
    await task(a.id, w.users.standard.id, 'Not theirs');
    const res = await putRole(a.id, to.id);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().movedTasks, 2, 'the caller is told how many tasks moved');
    const mail = await newMail();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.toAddress, to.email);
    assert.equal(mail[0]!.kind, 'tasks_reassigned');
    assert.equal(mail[0]!.subject, '2 tasks on Solo Corp reassigned to you');
    assert.deepEqual(listed(mail[0]!), ['Kickoff call', 'Send QBR deck']);
    assert.match(mail[0]!.textBody, /Send QBR deck \(Solo Corp\)\n {2}Due: Friday, 20 March 2026/);
    assert.deepEqual(await pendingFor(to.id), [], 'no summary row for a one-account change');
    await checkDelivered(
      mail[0]!,
      to.id,
      (await t.deps.db.select().from(tasks).where(eq(tasks.assigneeUserId, to.id))).map(
        (x) => x.id,
      ),
    );
  });

  it('a multi-account change sends no e-mail now; one summary per user later; a second run sends nothing', async () => {
    const receiver = await user('Rhea');
    const { res, made } = await handOver('1', receiver.id, [
      ['Alpha', ['A1', 'A2']],
      ['Bravo', ['B1']],
      ['Charlie', ['C1']],
    ]);
    assert.equal(res.json().handover.tasksReassigned, 4, 'the admin is told how many tasks moved');
    assert.deepEqual(await newMail(), [], 'no immediate e-mail when the change spans accounts');

    const rows = await pendingFor(receiver.id);
    assert.equal(rows.length, 3, 'one row per account');
    assert.deepEqual(rows.flatMap((r) => r.taskIds).sort(), Object.values(made).sort());
    assert.ok(
      rows.every((r) => r.summarizedAt === null && r.movedAt.getTime() === t.clock.now().getTime()),
    );

    t.clock.advanceMs(15 * 60_000);
    await runSummaryJob();
    const mail = await newMail();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.toAddress, receiver.email);
    assert.equal(mail[0]!.kind, 'ownership_summary');
    assert.equal(mail[0]!.subject, '4 tasks on 3 accounts reassigned to you');
    assert.deepEqual(listed(mail[0]!), ['A1', 'A2', 'B1', 'C1']);
    assert.match(mail[0]!.textBody, /Alpha \(2\)\n.*\/accounts\/[\w-]+\n\n- A1 \(Alpha\)/);
    await checkDelivered(mail[0]!, receiver.id, Object.values(made));
    const after = await pendingFor(receiver.id);
    assert.ok(after.every((r) => r.summarizedAt?.getTime() === t.clock.now().getTime()));

    await runSummaryJob();
    assert.deepEqual(await newMail(), [], 'already-summarized rows are never sent again');
  });

  it('the next summary carries only what the previous one did not', async () => {
    const receiver = await user('Nico');
    await handOver('2', receiver.id, [
      ['Delta', ['D1']],
      ['Echo', ['E1']],
    ]);
    await runSummaryJob();
    assert.deepEqual((await newMail()).map(listed), [['D1', 'E1']]);

    t.clock.advanceMs(15 * 60_000);
    const { made } = await handOver('3', receiver.id, [
      ['Foxtrot', ['F1', 'F2']],
      ['Golf', ['G1']],
    ]);
    // A task completed before the summary goes out is no news to its new owner.
    await t.deps.db
      .update(tasks)
      .set({ status: 'completed', completedAt: t.clock.now() })
      .where(eq(tasks.id, made.F2!));
    assert.deepEqual(await newMail(), []);
    t.clock.advanceMs(15 * 60_000);
    await runSummaryJob();
    const mail = await newMail();
    assert.equal(mail.length, 1);
    assert.deepEqual(listed(mail[0]!), ['F1', 'G1']);
    assert.equal(mail[0]!.subject, '2 tasks on 2 accounts reassigned to you');
    assert.ok((await pendingFor(receiver.id)).every((r) => r.summarizedAt !== null));
  });

  it('one role change over several accounts gives each new holder a summary, not per-account e-mails', async () => {
    const [old, ann, ben] = [await user('Oldie'), await user('Ann'), await user('Ben')];
    const [x, y] = [await account('Xray'), await account('Yankee')];
    await task(x.id, old.id, 'X1');
    await task(y.id, old.id, 'Y1');
    await task(y.id, old.id, 'Y2');
    const moved = await t.deps.db.transaction(async (tx) => {
      const xs = await reassignOnRoleChange(tx, t.deps, {
        workspaceId: w.workspace.id,
        accountId: x.id,
        roleId: csm.id,
        fromUserId: old.id,
        toUserId: ann.id,
        notify: false,
      });
      const ys = await reassignOnRoleChange(tx, t.deps, {
        workspaceId: w.workspace.id,
        accountId: y.id,
        roleId: csm.id,
        fromUserId: old.id,
        toUserId: ben.id,
        notify: false,
      });
      const how = await notifyMovedTasks(tx, t.deps, w.workspace.id, [
        ...xs.tasks.map((task) => ({ userId: ann.id, accountId: x.id, task })),
        ...ys.tasks.map((task) => ({ userId: ben.id, accountId: y.id, task })),
      ]);
      assert.equal(how, 'summary');
      return xs.movedTasks + ys.movedTasks;
    });
    assert.equal(moved, 3);
    assert.deepEqual(await newMail(), []);
    await runSummaryJob();
    const mail = await newMail();
    assert.deepEqual(mail.map((m) => [m.toAddress, listed(m)]).sort(), [
      [ann.email, ['X1']],
      [ben.email, ['Y1', 'Y2']],
    ]);
  });

  it('concurrent runs summarize each row exactly once', async () => {
    const [p, q] = [await account('Papa'), await account('Quebec')];
    const people: Array<{ id: string; email: string }> = [];
    const moves: TaskMove[] = [];
    for (let i = 0; i < 24; i++) {
      const u = await user(`Many${i}`);
      people.push(u);
      for (const a of [p, q]) {
        const row = await task(a.id, u.id, `M${i}-${a.name}`);
        moves.push({ userId: u.id, accountId: a.id, task: row });
      }
    }
    await t.deps.db.transaction((tx) => notifyMovedTasks(tx, t.deps, w.workspace.id, moves));
    // Two workers at once (on PostgreSQL truly in parallel, on separate connections).
    await Promise.all([
      ownershipSummaryJob.handler(t.deps, {}, { jobId: 'one' }),
      ownershipSummaryJob.handler(t.deps, {}, { jobId: 'two' }),
    ]);
    const mail = await newMail();
    assert.equal(
      mail.length,
      people.length,
      `one e-mail per user${usingPostgres() ? ' (PostgreSQL)' : ''}`,
    );
    assert.deepEqual(mail.map((m) => m.toAddress).sort(), people.map((u) => u.email).sort());
    const titles = mail.flatMap(listed);
    assert.equal(titles.length, moves.length, 'no task listed twice');
    assert.deepEqual(titles.sort(), moves.map((m) => m.task.title).sort());
    const rows = await t.deps.db
      .select()
      .from(ownershipNotifications)
      .where(
        inArray(
          ownershipNotifications.userId,
          people.map((u) => u.id),
        ),
      );
    assert.ok(rows.every((r) => r.summarizedAt !== null));
  });

  it('opted-out users get nothing unless the workspace forces task e-mails', async () => {
    const quiet = await user('Quiet', { emailNotifications: false });
    const solo = await account('Quiet Solo');
    const from = await user('Formerly');
    await t.deps.db
      .insert(accountRoleHolders)
      .values({ workspaceId: w.workspace.id, accountId: solo.id, roleId: csm.id, userId: from.id });
    await task(solo.id, from.id, 'S1');
    assert.equal((await putRole(solo.id, quiet.id)).json().movedTasks, 1);
    await handOver('4', quiet.id, [
      ['Hotel', ['H1']],
      ['India', ['I1']],
    ]);
    assert.equal((await pendingFor(quiet.id)).length, 2);
    await runSummaryJob();
    assert.deepEqual(await newMail(), []);
    assert.ok(
      (await pendingFor(quiet.id)).every((r) => r.summarizedAt !== null),
      'settled, so a later opt-in is not flooded',
    );

    await settings({ forceTaskEmails: true });
    try {
      const forced = await account('Forced Solo');
      await t.deps.db.insert(accountRoleHolders).values({
        workspaceId: w.workspace.id,
        accountId: forced.id,
        roleId: csm.id,
        userId: from.id,
      });
      await task(forced.id, from.id, 'S2');
      await putRole(forced.id, quiet.id);
      assert.deepEqual(
        (await newMail()).map((m) => [m.toAddress, listed(m)]),
        [[quiet.email, ['S2']]],
      );
      t.clock.advanceMs(15 * 60_000);
      await handOver('5', quiet.id, [
        ['Juliet', ['J1']],
        ['Kilo', ['K1']],
      ]);
      await runSummaryJob();
      assert.deepEqual(
        (await newMail()).map((m) => [m.toAddress, listed(m)]),
        [[quiet.email, ['J1', 'K1']]],
      );
    } finally {
      await settings({ forceTaskEmails: false });
    }
  });
});
