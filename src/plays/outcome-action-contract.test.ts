// One outcome-action schema: every kind the API documents and accepts is run by the engine on completion,
// and actions stored under the older names (create_task, enroll) are still read and run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import {
  accounts,
  contacts,
  emailOutbox,
  playRuns,
  taskTemplates,
  tasks,
  timelineEvents,
} from '../db/schema/index.ts';
import type { OutcomeActionType } from '../templates/outcome-action.ts';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

type JsonSchema = {
  $ref?: string;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: string[];
  const?: string;
};

describe('the outcome-action contract between the templates API and the engine', () => {
  let p: PlayWorld;
  let n = 0;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    p.t.app.inject({
      method,
      url,
      headers: bearer(p.w.tokens.advanced),
      ...(payload ? { payload: payload as object } : {}),
    });
  const template = async (name: string, outcomes: unknown[] = []) => {
    const res = await api('POST', '/api/v1/templates', {
      name,
      title: name,
      description: 'Call them',
      dueOffsetDays: 2,
      flowId: p.w.flow.id,
      assigneeRule: { type: 'user', userId: p.w.users.standard.id },
      outcomes,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; outcomes: Array<{ name: string; actions: unknown[] }> };
  };
  /** An enabled manual play whose run creates one task (the target of enroll actions). */
  const manualPlay = (name: string) =>
    p.play(
      {
        name,
        trigger: { type: 'manual' },
        criteria: null,
        actions: [
          {
            id: 'w',
            type: 'create_task',
            title: `${name} {{account.name}}`,
            description: 'x',
            dueInDays: 3,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
      { fireNow: false },
    );
  /** Applies the template to a fresh contact (tagged `old`) through the API and completes the task with `outcome`. */
  async function completeOnContact(templateId: string, outcome: string) {
    n += 1;
    const [account] = await p.newAccounts(
      1,
      { health: 'green' },
      { name: `Contract ${n}`, tags: ['old'] },
    );
    const [contact] = await p.t.deps.db
      .insert(contacts)
      .values({
        workspaceId: p.ws,
        accountId: account!.id,
        externalId: `contract-${n}`,
        firstName: 'Alice',
        email: `alice-${n}@contract.test`,
        tags: ['old'],
        attributes: { nps: 3 },
      })
      .returning();
    await p.drain();
    const applied = await api('POST', `/api/v1/templates/${templateId}/apply`, {
      contactIds: [contact!.id],
    });
    assert.equal(applied.statusCode, 201, applied.body);
    const taskId = applied.json().tasks[0].id as string;
    await p.complete(taskId, outcome);
    await p.drain();
    return { account: account!, contact: contact!, taskId };
  }
  const failures = (accountId: string) =>
    p.t.deps.db
      .select()
      .from(timelineEvents)
      .where(
        and(
          eq(timelineEvents.accountId, accountId),
          eq(timelineEvents.type, 'outcome_action_failed'),
        ),
      );

  it('a template saved with every documented action kind has each of them run on completion', async () => {
    const follow = await template('Call again next week');
    const target = await manualPlay('Win back');
    const examples: Record<OutcomeActionType, Record<string, unknown>> = {
      add_tag: { type: 'add_tag', target: 'contact', tag: 'called' },
      remove_tag: { type: 'remove_tag', tag: 'old' },
      set_attribute: { type: 'set_attribute', key: 'health', value: 'amber' },
      send_email: { type: 'send_email', subject: 'Hi {{contact.first_name}}', body: 'Thanks.' },
      create_task_from_template: {
        type: 'create_task_from_template',
        templateId: follow.id,
        dueInDays: 7,
      },
      enroll_in_play: { type: 'enroll_in_play', playId: target.id },
    };

    // The kinds the OpenAPI document offers for a template's outcome actions are exactly these.
    const doc = (await p.t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { schema: JsonSchema }> } } }
      >;
      components: { schemas: Record<string, JsonSchema> };
    };
    const resolve = (s: JsonSchema): JsonSchema =>
      s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]!) : s;
    const body = resolve(
      doc.paths['/api/v1/templates']!.post.requestBody.content['application/json']!.schema,
    );
    const action = resolve(resolve(body.properties!.outcomes!.items!).properties!.actions!.items!);
    const documented = (action.oneOf ?? action.anyOf ?? []).flatMap((o) => {
      const type = resolve(o).properties!.type!;
      return type.enum ?? [type.const!];
    });
    assert.deepEqual(documented.sort(), Object.keys(examples).sort());

    const saved = await template('Everything', [
      { name: 'Done', actions: Object.values(examples) },
    ]);
    assert.deepEqual(
      saved.outcomes[0]!.actions.map((a) => (a as { type: string }).type),
      Object.keys(examples),
    );
    const { account, contact, taskId } = await completeOnContact(saved.id, 'Done');

    assert.deepEqual(await failures(account.id), [], 'no action failed');
    const [acc] = await p.t.deps.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.deepEqual(acc!.tags, [], 'remove_tag (account by default) ran');
    assert.equal(acc!.attributes.health, 'amber', 'set_attribute ran');
    const [person] = await p.t.deps.db.select().from(contacts).where(eq(contacts.id, contact.id));
    assert.deepEqual(person!.tags, ['old', 'called'], 'add_tag on the contact ran');
    const mails = await p.t.deps.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, contact.email!));
    assert.deepEqual(
      mails.map((m) => [m.kind, m.subject]),
      [['outcome_email', 'Hi Alice']],
      'send_email ran',
    );
    const followUps = await p.t.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.accountId, account.id), eq(tasks.templateId, follow.id)));
    assert.equal(followUps.length, 1, 'create_task_from_template ran');
    const runs = await p.t.deps.db.select().from(playRuns).where(eq(playRuns.playId, target.id));
    assert.deepEqual(
      runs.map((r) => [r.kind, r.detail.taskId]),
      [['enroll', taskId]],
      'enroll_in_play ran',
    );
  });

  it('actions stored under the older names are read under the canonical ones and still run', async () => {
    const follow = await template('Legacy follow-up');
    const target = await manualPlay('Legacy play');
    const tpl = await template('Legacy', [{ name: 'Done', actions: [] }]);
    // As an older database may hold them: written straight to the table, not through the API.
    const legacy = [
      { type: 'create_task', templateId: follow.id, dueInDays: 7 },
      { type: 'enroll', playId: target.id },
    ];
    await p.t.deps.db
      .update(taskTemplates)
      .set({ outcomes: sql`${JSON.stringify([{ name: 'Done', actions: legacy }])}::jsonb` })
      .where(eq(taskTemplates.id, tpl.id));

    const read = await api('GET', `/api/v1/templates/${tpl.id}`);
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual(read.json().outcomes[0].actions, [
      { type: 'create_task_from_template', templateId: follow.id, dueInDays: 7 },
      { type: 'enroll_in_play', playId: target.id },
    ]);

    const { account } = await completeOnContact(tpl.id, 'Done');
    assert.deepEqual(await failures(account.id), []);
    const followUps = await p.t.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.accountId, account.id), eq(tasks.templateId, follow.id)));
    assert.equal(followUps.length, 1);
    const runs = await p.t.deps.db.select().from(playRuns).where(eq(playRuns.playId, target.id));
    assert.equal(runs.length, 1);
  });
});
