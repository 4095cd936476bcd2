// A workspace with templates but no play: a template's outcome actions still run when its task is completed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { drainChanges } from './engine/process-changes.ts';

describe('template outcome actions in a workspace with no play', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  const call = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({
      method,
      url,
      headers: bearer(token),
      ...(payload ? { payload } : {}),
    });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const template = (name: string, title: string, outcomes: unknown[] = []) =>
    call(w.tokens.advanced, 'POST', '/api/v1/templates', {
      name,
      title,
      description: 'Call them',
      dueOffsetDays: 2,
      flowId: w.flow.id,
      assigneeRule: { type: 'user', userId: w.users.standard.id },
      outcomes,
    });
  /** The standard user completes a task made from `templateId` on Acme, with `outcome`, through the API. */
  const completeFromTemplate = async (templateId: string, outcome: string) => {
    const applied = await call(w.tokens.advanced, 'POST', `/api/v1/templates/${templateId}/apply`, {
      accountIds: [w.acmeA.id],
    });
    const taskId = applied.tasks[0].id as string;
    await call(w.tokens.standard, 'POST', `/api/v1/tasks/${taskId}/complete`, { outcome });
    await drainChanges(t.deps, { maxMs: 60_000 });
    return taskId;
  };

  it('"Not interested → add tag" tags the account and "Left a message → call again next week" adds the follow-up to the work list and timeline', async () => {
    const again = await template('Call again next week', 'Call {{account.name}} again');
    const first = await template('First call', 'Call {{account.name}}', [
      { name: 'Not interested', actions: [{ type: 'add_tag', tag: 'not-interested' }] },
      {
        name: 'Left a message',
        actions: [{ type: 'create_task_from_template', templateId: again.id, dueInDays: 7 }],
      },
    ]);
    assert.equal(
      (await call(w.tokens.admin, 'GET', '/api/v1/plays')).data.length,
      0,
      'the workspace has no play',
    );

    await completeFromTemplate(first.id, 'Not interested');
    const account = await call(w.tokens.standard, 'GET', `/api/v1/accounts/${w.acmeA.id}`);
    assert.deepEqual(account.tags, ['not-interested']);

    await completeFromTemplate(first.id, 'Left a message');
    const work = await call(w.tokens.standard, 'GET', '/api/v1/me/work');
    const followUp = work.data.find((x: { title: string }) => x.title === 'Call Acme again');
    assert.ok(
      followUp,
      `the follow-up is in the assignee's work list: ${JSON.stringify(work.data.map((x: { title: string }) => x.title))}`,
    );
    assert.equal(followUp.dueDate, '2026-03-09', 'due a week after the call');
    const timeline = await call(
      w.tokens.standard,
      'GET',
      `/api/v1/accounts/${w.acmeA.id}/timeline`,
    );
    assert.ok(
      timeline.data.some(
        (e: { type: string; taskId: string | null }) =>
          e.type === 'task_created' && e.taskId === followUp.id,
      ),
      'the follow-up is on the account timeline',
    );
  });
});
