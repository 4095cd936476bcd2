// One convention for validation paths, whoever raises the error (schema or use case): the part of the
// request first — body.…, query.…, params.…, headers.… — so clients and the web app can place every error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { tasks } from '../db/schema/index.ts';
import { taskLinkFor } from '../templates/complete-link.ts';

type Detail = { path: string; message: string };
const convention = /^(body|query|params|headers)(\.|$)/;
const uuid = '00000000-0000-4000-8000-000000000000';

describe('validation error paths name the part of the request', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { ...bearer(w.tokens.admin), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const todo = (over: Record<string, unknown> = {}) => ({
    accountId: w.acmeA.id,
    flowId: w.flow.id,
    title: 'Call',
    description: 'x',
    dueDate: '2026-04-01',
    assignee: { userId: w.users.admin.id },
    ...over,
  });

  it('uses body./query./params./headers. on every endpoint, for schema and hand-raised errors alike', async () => {
    const task = await call('POST', '/api/v1/tasks', todo({ outcomes: ['Won', 'Lost'] }));
    assert.equal(task.statusCode, 201, task.body);
    const { id: taskId, version } = task.json();
    const cases: Array<
      [string, Promise<{ statusCode: number; json(): { error: { details: Detail[] } } }>, string]
    > = [
      [
        'schema error in the body',
        call('POST', '/api/v1/tasks', todo({ title: '' })),
        'body.title',
      ],
      [
        'hand-raised: assignee not in the workspace',
        call('POST', '/api/v1/tasks', todo({ assignee: { userId: uuid } })),
        'body.assignee.userId',
      ],
      [
        'hand-raised: description empty once sanitized',
        call('PATCH', `/api/v1/tasks/${taskId}`, { version, description: '<script>x</script>' }),
        'body.description',
      ],
      [
        'hand-raised: outcome required',
        call('POST', `/api/v1/tasks/${taskId}/complete`, { version }),
        'body.outcome',
      ],
      [
        'hand-raised: follow-up assignee',
        call('POST', `/api/v1/tasks/${taskId}/complete`, {
          version,
          outcome: 'Won',
          followUp: {
            title: 'Again',
            description: 'x',
            dueDate: '2026-04-08',
            assignee: { userId: uuid },
          },
        }),
        'body.followUp.assignee.userId',
      ],
      [
        'hand-raised: parent cycle',
        call('PATCH', `/api/v1/accounts/${w.acmeA.id}`, { version: 1, parentId: w.acmeA.id }),
        'body.parentId',
      ],
      [
        'hand-raised: contact on an unknown account',
        call('POST', '/api/v1/contacts', {
          accountId: uuid,
          externalId: 'c-x',
          firstName: 'A',
          lastName: 'B',
        }),
        'body.accountId',
      ],
      [
        'hand-raised: enum without values',
        call('POST', '/api/v1/attribute-definitions', {
          entity: 'account',
          key: 'stage2',
          label: 'Stage',
          type: 'enum',
        }),
        'body.enumValues',
      ],
      [
        'bulk rows',
        call('POST', '/api/v1/accounts/bulk', { rows: [{ externalId: 'b-1' }] }),
        'body.rows.0.name',
      ],
      ['schema error in the query', call('GET', '/api/v1/accounts?limit=abc'), 'query.limit'],
      ['tampered cursor', call('GET', '/api/v1/accounts?cursor=garbage'), 'query.cursor'],
      ['schema error in the params', call('GET', '/api/v1/accounts/not-a-uuid'), 'params.id'],
      [
        'header',
        call('PATCH', `/api/v1/accounts/${w.acmeA.id}`, { name: 'Acme' }, { 'if-match': 'soon' }),
        'headers.if-match',
      ],
    ];
    for (const [what, pending, expected] of cases) {
      const res = await pending;
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${what}: ${res.statusCode}`);
      const paths = res.json().error.details.map((d) => d.path);
      assert.ok(
        paths.every((p) => convention.test(p)),
        `${what}: ${paths.join(', ')}`,
      );
      assert.ok(paths.includes(expected), `${what}: expected ${expected}, got ${paths.join(', ')}`);
    }
  });

  it('the e-mail link page still reads its own refusals (a required note is at body.touchpoint)', async () => {
    const tpl = await call('POST', '/api/v1/templates', {
      name: 'Needs a note',
      title: 'Call',
      description: '<p>x</p>',
      dueOffsetDays: 3,
      flowId: w.flow.id,
      assigneeRule: { type: 'user', userId: w.users.standard.id },
      completionRules: { touchpointRequired: true },
    });
    assert.equal(tpl.statusCode, 201, tpl.body);
    const applied = await call('POST', `/api/v1/templates/${tpl.json().id}/apply`, {
      accountIds: [w.acmeA.id],
    });
    assert.equal(applied.statusCode, 201, applied.body);
    const [task] = await t.deps.db
      .select()
      .from(tasks)
      .where(eq(tasks.id, applied.json().tasks[0].id));
    const link = taskLinkFor(
      t.deps.secrets,
      t.deps.config,
      { ...task!, assigneeUserId: task!.assigneeUserId! },
      t.clock.now(),
    );
    const page = await t.app.inject({
      method: 'POST',
      url: new URL(link, 'http://x').pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'notes=',
    });
    assert.equal(page.statusCode, 400, page.body.slice(0, 500));
    assert.match(page.body, /Please write a note/);
  });
});
