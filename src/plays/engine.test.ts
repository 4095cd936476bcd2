import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import {
  accountRoleHolders,
  accounts,
  changeEvents,
  contacts,
  emailOutbox,
  playRuns,
  tasks,
  timelineEvents,
  users,
  workspaces,
} from '../db/schema/index.ts';
import { deleteTask } from '../tasks/delete-task.ts';
import { recordChange } from '../events/record-change.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';
import { updatePlay } from './manage-plays.ts';
import { publishDraft } from './versions/manage-versions.ts';
import { disablePlay, enablePlay } from './enable-play.ts';
import { processChanges } from './engine/process-changes.ts';
import { pruneProcessedChanges } from './engine/jobs.ts';
import { usingPostgres } from '../test/harness.ts';
import { uuidArray } from '../db/arrays.ts';

describe('play engine: enter/exit and the open-task rule', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  it('fires once on enter; re-entry while the task is open creates nothing; after completion exit+enter creates a new task', async () => {
    const play = await p.play();
    const [acc] = await p.newAccounts(1, { health: 'green' });
    await p.drain();
    await p.setAttrs(acc!.id, { health: 'red' });
    await p.drain();
    let open = await p.openTasks(play.id);
    assert.equal(open.length, 1);
    assert.equal(open[0]!.title, 'Call Acc 0');
    assert.equal(open[0]!.description, '<p>Health is red</p>');
    assert.equal(open[0]!.source, 'play');
    assert.equal(open[0]!.accountabilityUserId, p.w.users.advanced.id);
    assert.equal(open[0]!.dueDate, '2026-03-05');
    // Another change while still red: no new entry.
    await p.setAttrs(acc!.id, { arr: 5 });
    await p.drain();
    assert.equal((await p.playTasks(play.id)).length, 1);
    // Exit and re-enter while the task is open: nothing new.
    await p.setAttrs(acc!.id, { health: 'green' });
    await p.drain();
    await p.setAttrs(acc!.id, { health: 'red' });
    await p.drain();
    assert.equal((await p.playTasks(play.id)).length, 1);
    const runs = await p.t.deps.db.select().from(playRuns).where(eq(playRuns.playId, play.id));
    assert.ok(
      runs.some((r) => r.counts.skipped === 1),
      'the re-entry run records skipped_open_task',
    );
    // Complete it, exit and enter again: a new task.
    await p.complete(open[0]!.id);
    await p.setAttrs(acc!.id, { health: 'green' });
    await p.drain();
    await p.setAttrs(acc!.id, { health: 'red' });
    await p.drain();
    open = await p.openTasks(play.id);
    assert.equal(open.length, 1);
    assert.equal((await p.playTasks(play.id)).length, 2);
    // One timeline entry per firing: the task it created, or "play fired" when it created none.
    const fired = (
      await p.t.deps.db.select().from(timelineEvents).where(eq(timelineEvents.accountId, acc!.id))
    )
      .filter((e) => e.payload.playId === play.id)
      .map((e) => e.type)
      .sort();
    assert.deepEqual(
      fired,
      ['play_fired', 'task_created', 'task_created'],
      'every firing is on the timeline once',
    );
  });

  it('deleting the open task frees the target: the next exit and entry creates a new task', async () => {
    const play = await p.play({ name: 'Deleted then re-entered' });
    const [acc] = await p.newAccounts(1, { health: 'red' });
    await p.drain();
    const [first] = await p.openTasks(play.id);
    assert.ok(first);
    await deleteTask(p.t.deps, p.admin, first.id);
    await p.setAttrs(acc!.id, { health: 'green' });
    await p.drain();
    await p.setAttrs(acc!.id, { health: 'red' });
    await p.drain();
    const open = await p.openTasks(play.id);
    assert.equal(open.length, 1);
    assert.notEqual(open[0]!.id, first.id);
  });

  it('e-mails the assignee of each new play task when they opted in (or the workspace forces it), never twice', async () => {
    const mails = async () =>
      (
        await p.t.deps.db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'task_assigned'))
      ).filter((m) => m.subject.startsWith('New task: Mail'));
    await p.play({
      name: 'Mailer',
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: 'Mail {{account.name}}\nnow',
          description: '<p>x</p>',
          dueInDays: 2,
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    });
    const [acc] = await p.newAccounts(1, { health: 'red' }, { name: 'Globex' });
    await p.drain();
    const sent = await mails();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.toAddress, p.w.users.standard.email);
    assert.equal(
      sent[0]!.subject,
      'New task: Mail Globex now',
      'no line breaks in the subject header',
    );
    assert.match(
      sent[0]!.textBody,
      /the play "Mailer" assigned you a task\.[\s\S]*Account: Globex[\s\S]*Due: Wednesday, 4 March 2026[\s\S]*Priority: normal/,
    );
    assert.equal(sent[0]!.status, 'outbox', 'no SMTP configured: kept in the outbox');
    // Re-entry while the task is open creates no task and so no e-mail.
    await p.setAttrs(acc!.id, { health: 'green' });
    await p.drain();
    await p.setAttrs(acc!.id, { health: 'red' });
    await p.drain();
    assert.equal((await mails()).length, 1);
    // Opted out: nothing, unless the workspace forces task e-mails.
    await p.t.deps.db
      .update(users)
      .set({ emailNotifications: false })
      .where(eq(users.id, p.w.users.standard.id));
    await p.newAccounts(1, { health: 'red' });
    await p.drain();
    assert.equal((await mails()).length, 1);
    await p.t.deps.db
      .update(workspaces)
      .set({ settings: sql`${workspaces.settings} || '{"forceTaskEmails":true}'::jsonb` })
      .where(eq(workspaces.id, p.ws));
    await p.newAccounts(1, { health: 'red' });
    await p.drain();
    assert.equal((await mails()).length, 2);
    await p.t.deps.db
      .update(workspaces)
      .set({ settings: sql`${workspaces.settings} || '{"forceTaskEmails":false}'::jsonb` })
      .where(eq(workspaces.id, p.ws));
    await p.t.deps.db
      .update(users)
      .set({ emailNotifications: true })
      .where(eq(users.id, p.w.users.standard.id));
    // Many tasks for one user in one firing: one summary e-mail, not one per task.
    await p.newAccounts(25, { health: 'red' });
    await p.drain();
    const summaries = (
      await p.t.deps.db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'task_assigned'))
    ).filter((m) => m.subject.endsWith(' from Mailer'));
    assert.equal(summaries.length, 1);
    assert.equal(summaries[0]!.subject, 'New tasks: 25 from Mailer');
    assert.match(
      summaries[0]!.textBody,
      /the play "Mailer" assigned you 25 tasks, due Wednesday, 4 March 2026, priority normal:\n\n- Mail Acc 0 now \(Acc 0\)/,
    );
    assert.equal(summaries[0]!.textBody.split('\n').filter((l) => l.startsWith('- ')).length, 20);
    assert.match(summaries[0]!.textBody, /… and 5 more in My Portfolio\.$/);
    assert.equal((await mails()).length, 2, 'no per-task e-mails besides the summary');
  });

  it('exit plays fire when records stop meeting the criteria', async () => {
    const play = await p.play({ name: 'Recovered', trigger: { type: 'exit' } });
    const [acc] = await p.newAccounts(1, { health: 'red' });
    await p.drain();
    assert.equal((await p.playTasks(play.id)).length, 0);
    await p.setAttrs(acc!.id, { health: 'green' });
    await p.drain();
    assert.equal((await p.openTasks(play.id)).filter((x) => x.accountId === acc!.id).length, 1);
  });

  it('enable with fireNow fires for current members; without it only new entries fire', async () => {
    const existing = await p.newAccounts(2, { health: 'amber' });
    await p.drain();
    const crit = {
      kind: 'compare' as const,
      field: 'attributes.health',
      op: 'eq' as const,
      value: 'amber',
    };
    const now = await p.play({ name: 'Now', criteria: crit }, { fireNow: true });
    const later = await p.play({ name: 'Later', criteria: crit }, { fireNow: false });
    assert.equal((await p.openTasks(now.id)).length, 2);
    assert.equal((await p.openTasks(later.id)).length, 0);
    const [fresh] = await p.newAccounts(1, { health: 'green' });
    await p.setAttrs(fresh!.id, { health: 'amber' });
    await p.drain();
    assert.deepEqual(
      (await p.openTasks(later.id)).map((x) => x.accountId),
      [fresh!.id],
    );
    assert.equal((await p.openTasks(now.id)).length, 3);
    void existing;
  });

  it('criteria edits fire only for records that newly enter; action edits change only new tasks', async () => {
    const crit = {
      kind: 'compare' as const,
      field: 'attributes.arr',
      op: 'gte' as const,
      value: 1000,
    };
    const play = await p.play({ name: 'Big', criteria: crit }, { fireNow: true });
    const [small, big] = await p.newAccounts(2, { arr: 10 });
    await p.setAttrs(big!.id, { arr: 5000 });
    await p.drain();
    const before = await p.openTasks(play.id);
    assert.equal(
      before.length,
      (
        await p.t.deps.db
          .select()
          .from(accounts)
          .where(sql`(attributes->>'arr')::numeric >= 1000`)
      ).length,
    );
    const beforeIds = new Set(before.map((x) => x.id));
    const edited = await updatePlay(
      p.t.deps,
      p.advanced,
      play.id,
      {
        criteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 10 },
        actions: [
          {
            id: 'call',
            type: 'create_task',
            title: 'New title',
            description: 'x',
            dueInDays: 2,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
      play.version,
    );
    // On an enabled play the edit is a draft (SPEC §5 versions): nothing fires until it is published.
    assert.equal(edited.version, 2);
    assert.equal((await p.openTasks(play.id)).length, before.length, 'the draft fires nothing');
    const published = await publishDraft(p.t.deps, p.advanced, play.id, edited.version);
    assert.equal(published.publishedVersion, 2);
    const after = await p.openTasks(play.id);
    const added = after.filter((x) => !beforeIds.has(x.id));
    assert.deepEqual(
      added.map((x) => x.accountId),
      [small!.id],
      'only the newly entering account fires',
    );
    assert.equal(added[0]!.title, 'New title');
    for (const old of after.filter((x) => beforeIds.has(x.id)))
      assert.match(old.title, /^Call /, 'existing tasks are not changed');
  });

  it('disabling stops firing and leaves open tasks unchanged', async () => {
    const crit = {
      kind: 'compare' as const,
      field: 'attributes.health',
      op: 'eq' as const,
      value: 'purple',
    };
    const play = await p.play({ name: 'Purple', criteria: crit });
    const [a1, a2] = await p.newAccounts(2, { health: 'green' });
    await p.setAttrs(a1!.id, { health: 'purple' });
    await p.drain();
    const [task] = await p.openTasks(play.id);
    await disablePlay(p.t.deps, p.advanced, play.id);
    await p.setAttrs(a2!.id, { health: 'purple' });
    await p.drain();
    const all = await p.playTasks(play.id);
    assert.equal(all.length, 1);
    assert.deepEqual({ ...all[0]!, updatedAt: null }, { ...task!, updatedAt: null });
    assert.equal(all[0]!.status, 'open');
  });

  it('assigns by role, and falls back to the owner, then the creator, with the reason', async () => {
    const [withRole, noRole] = await p.newAccounts(2, { health: 'green' });
    await p.t.deps.db.insert(accountRoleHolders).values({
      workspaceId: p.ws,
      accountId: withRole!.id,
      roleId: p.csm.id,
      userId: p.w.users.standardB.id,
    });
    const crit = {
      kind: 'compare' as const,
      field: 'attributes.health',
      op: 'eq' as const,
      value: 'grey',
    };
    const play = await p.play({
      name: 'Role',
      criteria: crit,
      ownerUserId: p.w.users.admin.id,
      actions: [
        {
          id: 'r',
          type: 'create_task',
          title: 'T',
          description: 'D',
          dueInDays: 1,
          flowId: p.w.flow.id,
          assignee: { type: 'role', roleId: p.csm.id },
        },
      ],
    });
    await p.setAttrs(withRole!.id, { health: 'grey' });
    await p.setAttrs(noRole!.id, { health: 'grey' });
    await p.drain();
    const got = await p.openTasks(play.id);
    const byAcc = new Map(got.map((x) => [x.accountId, x]));
    assert.equal(byAcc.get(withRole!.id)!.assigneeUserId, p.w.users.standardB.id);
    assert.equal(byAcc.get(withRole!.id)!.fallbackReason, null);
    assert.equal(byAcc.get(noRole!.id)!.assigneeUserId, p.w.users.admin.id, 'owner');
    assert.equal(byAcc.get(noRole!.id)!.fallbackReason, 'no_role_holder');
    // Owner disabled → the creator.
    await p.t.deps.db.update(users).set({ enabled: false }).where(eq(users.id, p.w.users.admin.id));
    const [third] = await p.newAccounts(1, { health: 'green' });
    await p.setAttrs(third!.id, { health: 'grey' });
    await p.drain();
    await p.t.deps.db.update(users).set({ enabled: true }).where(eq(users.id, p.w.users.admin.id));
    const t3 = (await p.openTasks(play.id)).find((x) => x.accountId === third!.id)!;
    assert.equal(t3.assigneeUserId, p.w.users.advanced.id, 'creator');
    assert.equal(t3.fallbackReason, 'no_role_holder');
  });

  it('hierarchy: tasks on the immediate parent (never the ultimate parent), one per parent or one per child', async () => {
    const [top] = await p.newAccounts(1, {}, { name: 'Top' });
    const [mid] = await p.newAccounts(1, {}, { name: 'Mid', parentId: top!.id });
    const kids = await p.newAccounts(2, { health: 'green' }, { parentId: mid!.id });
    const crit = {
      kind: 'compare' as const,
      field: 'attributes.health',
      op: 'eq' as const,
      value: 'teal',
    };
    const action = {
      id: 'h',
      type: 'create_task' as const,
      title: 'Parent of a teal child',
      description: 'x',
      dueInDays: 1,
      flowId: p.w.flow.id,
      assignee: { type: 'user' as const, userId: p.w.users.standard.id },
    };
    const perParent = await p.play({
      name: 'PerParent',
      criteria: crit,
      options: { hierarchy: { mode: 'one_per_parent' }, contactGrouping: 'per_contact' },
      actions: [action],
    });
    const perChild = await p.play({
      name: 'PerChild',
      criteria: crit,
      options: { hierarchy: { mode: 'one_per_child' }, contactGrouping: 'per_contact' },
      actions: [action],
    });
    for (const k of kids) await p.setAttrs(k.id, { health: 'teal' });
    await p.drain();
    const pp = await p.openTasks(perParent.id);
    assert.deepEqual(
      pp.map((x) => x.accountId),
      [mid!.id],
    );
    const pc = await p.openTasks(perChild.id);
    assert.equal(pc.length, 2);
    assert.ok(pc.every((x) => x.accountId === mid!.id));
    assert.ok(!pc.some((x) => x.accountId === top!.id));
  });

  it('contact plays: one task per account with all qualifying contacts associated', async () => {
    const [acc] = await p.newAccounts(1);
    const cs = await p.t.deps.db
      .insert(contacts)
      .values(
        [1, 2, 3].map((i) => ({
          workspaceId: p.ws,
          accountId: acc!.id,
          externalId: `ct-${i}-${acc!.id}`,
          firstName: `C${i}`,
          attributes: { nps: 9 },
        })),
      )
      .returning();
    const play = await p.play({
      name: 'Detractors',
      subject: 'contacts',
      criteria: { kind: 'compare', field: 'attributes.nps', op: 'lte', value: 6 },
      options: { hierarchy: null, contactGrouping: 'per_account' },
      actions: [
        {
          id: 'c',
          type: 'create_task',
          title: 'Detractors at {{account.name}}',
          description: 'x',
          dueInDays: 2,
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    });
    await p.t.deps.db.transaction(async (tx) => {
      for (const c of cs.slice(0, 2)) {
        await tx
          .update(contacts)
          .set({ attributes: { nps: 2 } })
          .where(eq(contacts.id, c.id));
        await recordChange(tx, {
          workspaceId: p.ws,
          entity: 'contact',
          entityId: c.id,
          accountId: acc!.id,
          kind: 'updated',
        });
      }
    });
    await p.drain();
    const got = await p.openTasks(play.id);
    assert.equal(got.length, 1);
    assert.equal(got[0]!.accountId, acc!.id);
    const linked = (await p.t.deps.db.execute(
      sql`select contact_id from task_contacts where task_id = ${got[0]!.id}::uuid`,
    )) as unknown as { rows: Array<{ contact_id: string }> };
    assert.deepEqual(
      linked.rows.map((r) => r.contact_id).sort(),
      cs
        .slice(0, 2)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('treats hostile criteria values as literals', async () => {
    const hostile = "'; drop table accounts; --";
    const play = await p.play({
      name: 'Hostile',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: hostile },
    });
    const [acc] = await p.newAccounts(1);
    await p.setAttrs(acc!.id, { health: hostile });
    await p.drain();
    assert.deepEqual(
      (await p.openTasks(play.id)).map((x) => x.accountId),
      [acc!.id],
    );
    assert.ok((await p.t.deps.db.select().from(accounts)).length > 0);
  });

  it('writes by play actions trigger other plays, but a play never re-triggers itself in one chain', async () => {
    const tagger = await p.play({
      name: 'Tagger',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'black' },
      actions: [
        {
          id: 'u',
          type: 'update_information',
          set: [
            { key: 'onboarded', triggerDateOffsetDays: 2 },
            { key: 'arr', value: 777 },
          ],
        },
      ],
    });
    const follower = await p.play({
      name: 'Follower',
      criteria: { kind: 'compare', field: 'attributes.arr', op: 'eq', value: 777 },
    });
    const [acc] = await p.newAccounts(1, { health: 'green' });
    await p.setAttrs(acc!.id, { health: 'black' });
    await p.drain();
    const [row] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, acc!.id));
    assert.equal(row!.attributes.onboarded, '2026-03-04');
    assert.equal(row!.attributes.arr, 777);
    assert.deepEqual(
      (await p.openTasks(follower.id)).map((x) => x.accountId),
      [acc!.id],
    );
    const tagRuns = await p.t.deps.db
      .select()
      .from(playRuns)
      .where(and(eq(playRuns.playId, tagger.id), eq(playRuns.kind, 'enter')));
    assert.equal(tagRuns.length, 1, 'its own write did not fire it again');
    const pending = await p.t.deps.db
      .select()
      .from(changeEvents)
      .where(sql`${changeEvents.processedAt} is null`);
    assert.equal(pending.length, 0);
  });

  it('a play whose criteria fail at run time does not hold up the other plays of the batch', async () => {
    const broken = await p.play({
      name: 'Broken',
      criteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 100 },
    });
    const fine = await p.play({
      name: 'Fine',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'ochre' },
    });
    const [acc] = await p.newAccounts(1, { health: 'green' });
    await p.drain();
    // A value the API would refuse, written behind its back: every numeric comparison on it fails in SQL.
    await p.setAttrs(acc!.id, { health: 'ochre', arr: 'lots' });
    await p.drain();
    assert.deepEqual(
      (await p.openTasks(fine.id)).map((x) => x.accountId),
      [acc!.id],
    );
    assert.equal((await p.openTasks(broken.id)).length, 0);
    assert.equal(
      (
        await p.t.deps.db
          .select()
          .from(changeEvents)
          .where(sql`${changeEvents.processedAt} is null`)
      ).length,
      0,
    );
    await p.setAttrs(acc!.id, { arr: 1 });
    await p.drain();
  });

  it('tag and notify actions: one set-based write each, counted in the run, with a play_fired entry when no task was made', async () => {
    const play = await p.play({
      name: 'Celebrate',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'gold' },
      actions: [
        { id: 't', type: 'add_tag', tag: 'vip' },
        { id: 'n', type: 'celebrate', message: 'Gold!', style: 'confetti' },
      ],
    });
    const accs = await p.newAccounts(2, { health: 'green' });
    for (const a of accs) await p.setAttrs(a.id, { health: 'gold' });
    await p.drain();
    const rows = await p.t.deps.db
      .select()
      .from(accounts)
      .where(sql`${accounts.id} = any(${uuidArray(accs.map((a) => a.id))})`);
    assert.ok(rows.every((r) => r.tags.includes('vip')));
    const [run] = await p.t.deps.db
      .select()
      .from(playRuns)
      .where(and(eq(playRuns.playId, play.id), eq(playRuns.kind, 'enter')));
    assert.deepEqual(run!.counts, {
      targets: 2,
      created: 0,
      wouldCreate: 0,
      skipped: 0,
      errors: 0,
      other: 4,
    });
    const entries = (
      await p.t.deps.db
        .select()
        .from(timelineEvents)
        .where(eq(timelineEvents.accountId, accs[0]!.id))
    ).filter((e) => e.payload.playId === play.id);
    // The account's celebrate entry and the firing itself; team members read theirs from the feed.
    assert.deepEqual(entries.map((e) => `${e.type}:${e.userId ? 'user' : 'account'}`).sort(), [
      'celebrate:account',
      'play_fired:account',
    ]);
  });

  it('prunes processed outbox rows older than a day, never pending ones', async () => {
    const [acc] = await p.newAccounts(1, { health: 'green' });
    await p.drain();
    await p.setAttrs(acc!.id, { arr: 3 });
    const rows = () => p.t.deps.db.select().from(changeEvents);
    const pendingBefore = (await rows()).filter((e) => !e.processedAt).length;
    assert.ok(pendingBefore > 0);
    const processed = (await rows()).filter((e) => e.processedAt).length;
    assert.equal(
      await pruneProcessedChanges(p.t.deps.db, new Date(p.t.clock.now().getTime() - 86_400_000)),
      0,
      'nothing is a day old yet',
    );
    assert.equal(
      await pruneProcessedChanges(p.t.deps.db, new Date(p.t.clock.now().getTime() + 1)),
      processed,
    );
    assert.deepEqual(
      (await rows()).map((e) => e.processedAt),
      new Array(pendingBefore).fill(null),
    );
    await p.drain();
  });

  it('several engine runs at once over the same entering accounts leave exactly one open task each', async () => {
    const crit = {
      kind: 'compare' as const,
      field: 'attributes.health',
      op: 'eq' as const,
      value: 'race',
    };
    const play = await p.play({ name: 'Race', criteria: crit });
    const accs = await p.newAccounts(40, { health: 'green' });
    await p.drain();
    // Three change events per account, so several batches (and workers) see each account enter.
    for (let round = 0; round < 3; round++) {
      await p.t.deps.db.transaction(async (tx) => {
        await tx
          .update(accounts)
          .set({ attributes: sql`${accounts.attributes} || '{"health":"race"}'::jsonb` })
          .where(sql`${accounts.id} = any(${uuidArray(accs.map((a) => a.id))})`);
        for (const a of accs)
          await recordChange(tx, {
            workspaceId: p.ws,
            entity: 'account',
            entityId: a.id,
            accountId: a.id,
            kind: 'updated',
          });
      });
    }
    const workers = usingPostgres() ? 4 : 2;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while ((await processChanges(p.t.deps, { batchSize: 7 })) > 0);
      }),
    );
    const open = await p.openTasks(play.id);
    assert.equal(open.length, 40);
    assert.equal(new Set(open.map((x) => x.accountId)).size, 40);
    const raw = await p.t.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.playId, play.id)));
    assert.equal(raw.length, 40);
    void enablePlay;
  });
});
