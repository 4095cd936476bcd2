// Play actions beyond "create a task from inline fields": e-mail, tags, enroll, request information,
// assigned-by, completion rules, per-contact tasks, manual runs on a segment, one-line titles.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import {
  accountRoleHolders,
  accounts,
  contacts,
  emailOutbox,
  forms,
  playRunResults,
  playRuns,
} from '../db/schema/index.ts';
import { recordChange } from '../events/record-change.ts';
import { createSegment } from '../segments/manage-segments.ts';
import { bearer } from '../test/fixtures.ts';
import { runManualPlay } from './run-play.ts';
import { updatePlay } from './manage-plays.ts';
import { publishDraft } from './versions/manage-versions.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

describe('play actions', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const eqHealth = (value: string) => ({
    kind: 'compare' as const,
    field: 'attributes.health',
    op: 'eq' as const,
    value,
  });
  const todo = (over: Record<string, unknown> = {}) => ({
    id: 'todo',
    type: 'create_task' as const,
    title: 'Call {{account.name}}',
    description: 'x',
    dueInDays: 2,
    flowId: p.w.flow.id,
    assignee: { type: 'user' as const, userId: p.w.users.standard.id },
    ...over,
  });
  /** Contacts on one account, and a helper that sets their NPS the way every write path does. */
  const contactsOn = async (
    accountId: string,
    rows: Array<{ first: string; email: string | null }>,
  ) => {
    const made = await p.t.deps.db
      .insert(contacts)
      .values(
        rows.map((r, i) => ({
          workspaceId: p.ws,
          accountId,
          externalId: `c-${i}-${accountId}`,
          firstName: r.first,
          lastName: 'Doe',
          email: r.email,
          attributes: { nps: 9 },
        })),
      )
      .returning();
    const setNps = async (ids: string[], nps: number) =>
      p.t.deps.db.transaction(async (tx) => {
        for (const id of ids) {
          await tx.update(contacts).set({ attributes: { nps } }).where(eq(contacts.id, id));
          await recordChange(tx, {
            workspaceId: p.ws,
            entity: 'contact',
            entityId: id,
            accountId,
            kind: 'updated',
          });
        }
      });
    return { made, setNps };
  };

  it('send_email: each entering contact with an address gets an outbox e-mail with its merge fields rendered; one without is skipped', async () => {
    const [acc] = await p.newAccounts(1, {}, { name: 'Initech' });
    const { made, setNps } = await contactsOn(acc!.id, [
      { first: 'Peter\r\nBcc: evil@x.test', email: 'peter@initech.test' },
      { first: 'Milton', email: null },
    ]);
    const play = await p.play({
      name: 'Detractor mail',
      subject: 'contacts',
      criteria: { kind: 'compare', field: 'attributes.nps', op: 'lte', value: 3 },
      actions: [
        {
          id: 'mail',
          type: 'send_email',
          subject: 'Hi {{contact.first_name}} from {{account.name}}',
          body: 'Dear {{contact.first_name}},\nyour NPS was {{contact.attributes.nps}}.',
        },
      ],
    });
    await setNps(
      made.map((c) => c.id),
      1,
    );
    await p.drain();
    const mails = await p.t.deps.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, 'play_contact_email'));
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.toAddress, 'peter@initech.test');
    assert.equal(
      mails[0]!.subject,
      'Hi PeterBcc: evil@x.test from Initech',
      'merge fields rendered; no line break can reach the header',
    );
    assert.equal(mails[0]!.textBody, 'Dear Peter\r\nBcc: evil@x.test,\nyour NPS was 1.');
    const results = await p.t.deps.db
      .select()
      .from(playRunResults)
      .where(eq(playRunResults.playId, play.id));
    assert.deepEqual(
      results.map((r) => `${r.recordId}:${r.result}`).sort(),
      [`${made[0]!.id}:emailed`, `${made[1]!.id}:skipped`].sort(),
    );
  });

  it('remove_tag removes the tag from entering accounts and leaves the others untouched', async () => {
    const play = await p.play({
      name: 'Untag',
      criteria: eqHealth('untag'),
      actions: [{ id: 'rm', type: 'remove_tag', tag: 'at-risk' }],
    });
    const [tagged, plain] = await p.newAccounts(
      2,
      { health: 'green' },
      { tags: ['at-risk', 'vip'] },
    );
    await p.t.deps.db
      .update(accounts)
      .set({ tags: ['vip'] })
      .where(eq(accounts.id, plain!.id));
    const versionOf = async (id: string) =>
      (await p.t.deps.db.select().from(accounts).where(eq(accounts.id, id)))[0]!;
    const plainBefore = await versionOf(plain!.id);
    await p.setAttrs(tagged!.id, { health: 'untag' });
    await p.setAttrs(plain!.id, { health: 'untag' });
    await p.drain();
    assert.deepEqual((await versionOf(tagged!.id)).tags, ['vip']);
    const plainAfter = await versionOf(plain!.id);
    assert.deepEqual(plainAfter.tags, ['vip']);
    assert.equal(
      plainAfter.version,
      plainBefore.version + 1,
      'only the attribute write bumped it: the tag action did not touch it',
    );
    const runs = await p.t.deps.db
      .select()
      .from(playRuns)
      .where(and(eq(playRuns.playId, play.id), eq(playRuns.kind, 'enter')));
    assert.equal(
      runs.reduce((n, r) => n + r.counts.other, 0),
      1,
      'one record changed',
    );
  });

  it('enroll fires another enabled play for the same accounts, and never loops back', async () => {
    const target = await p.play(
      {
        name: 'Enrolled',
        trigger: { type: 'manual' },
        criteria: null,
        actions: [todo({ id: 'e', title: 'Onboard {{account.name}}' })],
      },
      { fireNow: false },
    );
    const source = await p.play({
      name: 'Enroller',
      criteria: eqHealth('enroll'),
      actions: [{ id: 'go', type: 'enroll', playId: target.id }],
    });
    const [acc] = await p.newAccounts(1, { health: 'green' }, { name: 'Hooli' });
    await p.setAttrs(acc!.id, { health: 'enroll' });
    await p.drain();
    const made = await p.openTasks(target.id);
    assert.deepEqual(
      made.map((t) => [t.accountId, t.title]),
      [[acc!.id, 'Onboard Hooli']],
    );
    const runs = await p.t.deps.db.select().from(playRuns).where(eq(playRuns.playId, target.id));
    assert.deepEqual(
      runs.map((r) => [r.kind, r.detail.fromPlayId]),
      [['enroll', source.id]],
    );
    const [res] = await p.t.deps.db
      .select()
      .from(playRunResults)
      .where(and(eq(playRunResults.playId, source.id), eq(playRunResults.actionId, 'go')));
    assert.equal(res!.result, 'enrolled');
    // Two plays enrolling each other: each fires once per chain, then the loop is cut.
    const a = await p.play({
      name: 'Ping',
      criteria: eqHealth('ping'),
      actions: [todo({ id: 'ping' })],
    });
    const b = await p.play({
      name: 'Pong',
      criteria: eqHealth('never'),
      actions: [todo({ id: 'pong' }), { id: 'to-a', type: 'enroll', playId: a.id }],
    });
    // The edit of an enabled play is a draft until published (SPEC §5 versions).
    const edited = await updatePlay(
      p.t.deps,
      p.advanced,
      a.id,
      { actions: [todo({ id: 'ping' }), { id: 'to-b', type: 'enroll', playId: b.id }] },
      a.version,
    );
    await publishDraft(p.t.deps, p.advanced, a.id, edited.version);
    const [loop] = await p.newAccounts(1, { health: 'green' });
    await p.setAttrs(loop!.id, { health: 'ping' });
    await p.drain();
    assert.equal((await p.openTasks(a.id)).length, 1);
    assert.equal((await p.openTasks(b.id)).length, 1);
    const [cut] = await p.t.deps.db
      .select()
      .from(playRunResults)
      .where(and(eq(playRunResults.playId, b.id), eq(playRunResults.actionId, 'to-a')));
    assert.deepEqual([cut!.result, cut!.detail.reason], ['skipped', 'loop']);
  });

  it('an enroll that fires nothing (a contact play from an account play, a disabled play) records every target as skipped with its reason, through the run results API', async () => {
    const contactPlay = await p.play(
      {
        name: 'Contact follow-up',
        subject: 'contacts',
        trigger: { type: 'manual' },
        criteria: null,
        actions: [todo({ id: 'c' })],
      },
      { fireNow: false },
    );
    const off = await p.play(
      { name: 'Off', trigger: { type: 'manual' }, criteria: null, actions: [todo({ id: 'o' })] },
      false,
    );
    const source = await p.play({
      name: 'Enroll nothing',
      criteria: eqHealth('nothing'),
      actions: [
        { id: 'to-contacts', type: 'enroll', playId: contactPlay.id },
        { id: 'to-off', type: 'enroll', playId: off.id },
      ],
    });
    const accs = await p.newAccounts(2, { health: 'green' });
    for (const a of accs) await p.setAttrs(a.id, { health: 'nothing' });
    await p.drain();
    const get = (url: string) =>
      p.t.app
        .inject({ method: 'GET', url, headers: bearer(p.w.tokens.advanced) })
        .then((r) => r.json());
    const run = (await get(`/api/v1/plays/${source.id}/runs`)).data.find(
      (r: { kind: string }) => r.kind === 'enter',
    );
    assert.equal(run.counts.skipped, 4, JSON.stringify(run.counts));
    const results = (await get(`/api/v1/plays/${source.id}/runs/${run.id}/results`)).data as Array<{
      recordId: string;
      actionId: string;
      result: string;
      detail: { reason: string };
    }>;
    assert.deepEqual(results.map((r) => [r.actionId, r.result, r.detail.reason]).sort(), [
      ['to-contacts', 'skipped', 'contact_play_from_account_play'],
      ['to-contacts', 'skipped', 'contact_play_from_account_play'],
      ['to-off', 'skipped', 'play_not_enabled'],
      ['to-off', 'skipped', 'play_not_enabled'],
    ]);
  });

  it('request_information creates a form task for the account role holder, due after the offset, with the message', async () => {
    const [form] = await p.t.deps.db
      .insert(forms)
      .values({
        workspaceId: p.ws,
        name: 'Renewal details',
        accountType: 'customer',
        fields: [{ attributeKey: 'renewal_date', label: 'Renewal', required: true }],
      })
      .returning();
    const play = await p.play({
      name: 'Ask',
      criteria: eqHealth('ask'),
      actions: [
        {
          id: 'ask',
          type: 'request_information',
          formId: form!.id,
          assignee: { type: 'role', roleId: p.csm.id },
          dueInDays: 5,
          flowId: p.w.flow.id,
          message: 'When is the renewal?',
          priority: 'high',
        },
      ],
    });
    const [acc] = await p.newAccounts(1, { health: 'green' });
    await p.t.deps.db.insert(accountRoleHolders).values({
      workspaceId: p.ws,
      accountId: acc!.id,
      roleId: p.csm.id,
      userId: p.w.users.standardB.id,
    });
    await p.setAttrs(acc!.id, { health: 'ask' });
    await p.drain();
    const [task] = await p.openTasks(play.id);
    assert.ok(task);
    assert.deepEqual(
      {
        kind: task.kind,
        formId: task.formId,
        assignee: task.assigneeUserId,
        role: task.assigneeRoleId,
        due: task.dueDate,
        title: task.title,
        description: task.description,
        priority: task.priority,
      },
      {
        kind: 'request_info',
        formId: form!.id,
        assignee: p.w.users.standardB.id,
        role: p.csm.id,
        due: '2026-03-07',
        title: 'Please update: Renewal details',
        description: 'When is the renewal?',
        priority: 1,
      },
    );
  });

  it('assigned-by is the named user, or the role holder on the account (else the owner)', async () => {
    const byUser = await p.play({
      name: 'By user',
      criteria: eqHealth('by'),
      actions: [todo({ id: 'u', assignedBy: { type: 'user', userId: p.w.users.admin.id } })],
    });
    const byRole = await p.play({
      name: 'By role',
      criteria: eqHealth('by'),
      ownerUserId: p.w.users.advanced.id,
      actions: [todo({ id: 'r', assignedBy: { type: 'role', roleId: p.csm.id } })],
    });
    const [held, empty] = await p.newAccounts(2, { health: 'green' });
    await p.t.deps.db.insert(accountRoleHolders).values({
      workspaceId: p.ws,
      accountId: held!.id,
      roleId: p.csm.id,
      userId: p.w.users.standardB.id,
    });
    await p.setAttrs(held!.id, { health: 'by' });
    await p.setAttrs(empty!.id, { health: 'by' });
    await p.drain();
    assert.deepEqual(
      (await p.openTasks(byUser.id)).map((t) => t.assignedById),
      [p.w.users.admin.id, p.w.users.admin.id],
    );
    const roleTasks = new Map(
      (await p.openTasks(byRole.id)).map((t) => [t.accountId, t.assignedById]),
    );
    assert.equal(roleTasks.get(held!.id), p.w.users.standardB.id);
    assert.equal(roleTasks.get(empty!.id), p.w.users.advanced.id, 'no role holder: the play owner');
  });

  it('completion rules: a mandatory touchpoint and attribute update are enforced, the automatic update is applied on completion', async () => {
    const play = await p.play({
      name: 'Rules',
      criteria: eqHealth('rules'),
      actions: [
        todo({
          id: 'rules',
          completionRules: {
            touchpointRequired: true,
            attributeUpdateRequired: { key: 'renewal_date' },
            automaticAttributeUpdate: { key: 'arr', value: 1500 },
          },
        }),
      ],
    });
    assert.deepEqual(play.actions[0]!.completionRules, {
      touchpointRequired: true,
      attributeUpdateRequired: { key: 'renewal_date' },
      automaticAttributeUpdate: { key: 'arr', value: 1500 },
    });
    const [acc] = await p.newAccounts(1, { health: 'green' });
    await p.setAttrs(acc!.id, { health: 'rules' });
    await p.drain();
    const [task] = await p.openTasks(play.id);
    const complete = (payload: object) =>
      p.t.app.inject({
        method: 'POST',
        url: `/api/v1/tasks/${task!.id}/complete`,
        headers: bearer(p.w.tokens.admin),
        payload,
      });
    const refused = await complete({});
    assert.equal(refused.statusCode, 400, refused.body);
    assert.deepEqual(
      refused
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
      ['body.touchpoint', 'body.attributeUpdate.renewal_date'].sort(),
    );
    assert.equal((await p.openTasks(play.id)).length, 1, 'a refused completion changes nothing');
    const done = await complete({
      touchpoint: { type: 'call', subject: 'Renewal call' },
      attributeUpdate: { renewal_date: '2026-09-01' },
    });
    assert.equal(done.statusCode, 200, done.body);
    const [row] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, acc!.id));
    assert.equal(row!.attributes.renewal_date, '2026-09-01');
    assert.equal(row!.attributes.arr, 1500, 'the automatic update was applied');
  });

  it('contact plays: one task per qualifying contact, on its account, linked to that contact only', async () => {
    const [acc] = await p.newAccounts(1);
    const { made, setNps } = await contactsOn(acc!.id, [
      { first: 'Ann', email: null },
      { first: 'Bob', email: null },
      { first: 'Cid', email: null },
    ]);
    const play = await p.play({
      name: 'Per contact',
      subject: 'contacts',
      criteria: { kind: 'compare', field: 'attributes.nps', op: 'eq', value: 4 },
      options: { hierarchy: null, contactGrouping: 'per_contact' },
      actions: [todo({ id: 'pc', title: 'Call {{contact.first_name}}' })],
    });
    await setNps([made[0]!.id, made[1]!.id], 4);
    await p.drain();
    const got = await p.openTasks(play.id);
    assert.deepEqual(got.map((t) => t.title).sort(), ['Call Ann', 'Call Bob']);
    assert.ok(got.every((t) => t.accountId === acc!.id));
    const links = (await p.t.deps.db.execute(
      sql`select t.title, tc.contact_id from task_contacts tc join tasks t on t.id = tc.task_id where t.play_id = ${play.id}::uuid`,
    )) as unknown as { rows: Array<{ title: string; contact_id: string }> };
    assert.deepEqual(
      links.rows.map((r) => `${r.title}:${r.contact_id}`).sort(),
      [`Call Ann:${made[0]!.id}`, `Call Bob:${made[1]!.id}`].sort(),
    );
  });

  it('manual plays run on a segment: its records that meet the play criteria and that the caller can see', async () => {
    const [inSeg, other] = await p.newAccounts(2, { health: 'manual-seg', arr: 10 });
    await p.setAttrs(other!.id, { arr: 99 });
    await p.setAttrs(p.w.betaB.id, { health: 'manual-seg', arr: 10 }); // in the segment, but team B's: not visible to the caller
    const seg = await createSegment(p.t.deps, p.advanced, {
      name: 'Small manual',
      subject: 'accounts',
      criteria: { kind: 'compare', field: 'attributes.arr', op: 'lt', value: 50 },
    });
    const play = await p.play(
      {
        name: 'Manual seg',
        trigger: { type: 'manual' },
        criteria: eqHealth('manual-seg'),
        actions: [todo({ id: 'm' })],
      },
      { fireNow: false },
    );
    const run = await runManualPlay(p.t.deps, p.advanced, play.id, { segmentId: seg.id });
    assert.deepEqual(run.counts, {
      targets: 1,
      created: 1,
      wouldCreate: 0,
      skipped: 0,
      errors: 0,
      other: 0,
    });
    assert.deepEqual(
      (await p.openTasks(play.id)).map((t) => t.accountId),
      [inSeg!.id],
    );
    const res = await p.t.app.inject({
      method: 'POST',
      url: `/api/v1/plays/${play.id}/run`,
      headers: bearer(p.w.tokens.advanced),
      payload: { segmentId: seg.id },
    });
    assert.deepEqual(
      res.json().counts,
      { targets: 1, created: 0, wouldCreate: 0, skipped: 1, errors: 0, other: 0 },
      'again while the task is open: skipped',
    );
  });

  it('task titles are one line: line breaks and control characters in merged values do not reach the title', async () => {
    const play = await p.play({
      name: 'Titles',
      criteria: eqHealth('title'),
      actions: [
        todo({
          id: 'tt',
          title: 'Call {{account.name}}\n({{account.attributes.health}})',
          description: '<p>{{account.name}}</p>',
        }),
      ],
    });
    const [acc] = await p.newAccounts(1, { health: 'green' }, { name: 'Multi\r\nLine\tCo\u0007' });
    await p.setAttrs(acc!.id, { health: 'title' });
    await p.drain();
    const [task] = await p.openTasks(play.id);
    assert.equal(task!.title, 'Call Multi Line Co (title)');
    assert.equal(
      task!.description,
      '<p>Multi\r\nLine\tCo\u0007</p>',
      'descriptions are left as they are',
    );
  });
});
