// Outcome actions saved through the templates API (canonical names) run when a task is completed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { tasks } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

describe('template outcome actions', () => {
  let p: PlayWorld;
  before(async () => { p = await playWorld(); });
  after(() => p.close());

  const api = (method: 'POST', url: string, payload: unknown) =>
    p.t.app.inject({ method, url, headers: bearer(p.w.tokens.advanced), payload: payload as object });
  const template = (over: Record<string, unknown>) => ({
    title: 'Call {{account.name}}', description: 'Call them', dueOffsetDays: 2, flowId: p.w.flow.id,
    assigneeRule: { type: 'user', userId: p.w.users.standard.id }, ...over,
  });

  it('"create task from template" saved through the templates API runs on completion', async () => {
    const again = await api('POST', '/api/v1/templates', template({ name: 'Call again next week', title: 'Call again' }));
    assert.equal(again.statusCode, 201, again.body);
    const call = await api('POST', '/api/v1/templates', template({
      name: 'First call', outcomes: [{ name: 'Left a message', actions: [{ type: 'create_task_from_template', templateId: again.json().id, dueInDays: 7 }] }, { name: 'Reached', actions: [] }],
    }));
    assert.equal(call.statusCode, 201, call.body);
    const source = await p.play({
      name: 'Calls', criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'call' },
      actions: [{ id: 'c', type: 'create_task', templateId: call.json().id, assignee: { type: 'user', userId: p.w.users.standard.id } }],
    } as never);
    const [a] = await p.newAccounts(1, { health: 'green' });
    await p.setAttrs(a!.id, { health: 'call' });
    await p.drain();
    const [first] = await p.openTasks(source.id);
    assert.ok(first, 'the play created the first call');
    await p.complete(first.id, 'Left a message');
    await p.drain();
    const followUps = await p.t.deps.db.select().from(tasks).where(and(eq(tasks.accountId, a!.id), eq(tasks.templateId, again.json().id)));
    assert.equal(followUps.length, 1, 'the outcome created the follow-up from its template');
    assert.equal(followUps[0]!.title, 'Call again');
  });
});
