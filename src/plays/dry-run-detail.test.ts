// The dry run as a builder reads it (issue 9): per record, each action in order, the task it would
// create with its rendered title, the assignee by name, the due date and why it fell back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountRoleHolders } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

describe('dry run detail', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  it('shows per record, in action order, the title, assignee, due date and fallback reason', async () => {
    const [withCsm, withoutCsm] = await p.newAccounts(2, { health: 'red' });
    await p.t.deps.db.insert(accountRoleHolders).values({
      workspaceId: p.ws,
      accountId: withCsm!.id,
      roleId: p.csm.id,
      userId: p.w.users.standardB.id,
    });
    const api = (method: 'POST', url: string, payload?: object) =>
      p.t.app.inject({ method, url, headers: bearer(p.w.tokens.advanced), payload });
    const created = await api('POST', '/api/v1/plays', {
      name: 'Red health',
      description: 'Call and review red accounts',
      subject: 'accounts',
      ownerUserId: p.w.users.advanced.id,
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
      // The review comes first in the list, so order by action id or insertion would differ.
      actions: [
        {
          id: 'z-review',
          type: 'create_task',
          title: 'Review {{account.name}}',
          description: 'Look at the numbers',
          dueInDays: 5,
          flowId: p.w.flow.id,
          assignee: { type: 'role', roleId: p.csm.id },
        },
        {
          id: 'a-call',
          type: 'create_task',
          title: 'Call {{account.name}}',
          description: 'Hi',
          dueInDays: 2,
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    });
    assert.equal(created.statusCode, 201, created.body);
    const dry = await api('POST', `/api/v1/plays/${created.json().id}/dry-run`);
    assert.equal(dry.statusCode, 200, dry.body);
    type Row = {
      recordId: string;
      recordName: string;
      actionId: string;
      position: number;
      task: {
        title: string;
        dueDate: string;
        assigneeName: string;
        fallbackReason: string | null;
      } | null;
    };
    const rows: Row[] = dry.json().data;
    // Grouped per record: each record's rows are adjacent and in the play's action order.
    const groups = rows.map((r) => r.recordId).filter((id, i, all) => all[i - 1] !== id);
    assert.deepEqual([...groups].sort(), [withCsm!.id, withoutCsm!.id].sort());
    for (const id of groups)
      assert.deepEqual(
        rows.filter((r) => r.recordId === id).map((r) => [r.position, r.actionId]),
        [
          [1, 'z-review'],
          [2, 'a-call'],
        ],
      );
    const due = (days: number) => {
      const d = new Date(p.t.deps.clock.now());
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const seen = (id: string) => rows.filter((r) => r.recordId === id).map((r) => r.task);
    const name = (id: string) => rows.find((r) => r.recordId === id)!.recordName;
    assert.deepEqual(seen(withCsm!.id), [
      {
        title: `Review ${name(withCsm!.id)}`,
        dueDate: due(5),
        assigneeUserId: p.w.users.standardB.id,
        assigneeName: 'Bea B',
        fallbackReason: null,
      },
      {
        title: `Call ${name(withCsm!.id)}`,
        dueDate: due(2),
        assigneeUserId: p.w.users.standard.id,
        assigneeName: 'Sam Standard',
        fallbackReason: null,
      },
    ]);
    assert.deepEqual(seen(withoutCsm!.id), [
      {
        title: `Review ${name(withoutCsm!.id)}`,
        dueDate: due(5),
        assigneeUserId: p.w.users.advanced.id,
        assigneeName: 'Avery Advanced',
        fallbackReason: 'no_role_holder',
      },
      {
        title: `Call ${name(withoutCsm!.id)}`,
        dueDate: due(2),
        assigneeUserId: p.w.users.standard.id,
        assigneeName: 'Sam Standard',
        fallbackReason: null,
      },
    ]);
  });
});
