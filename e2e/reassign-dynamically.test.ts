// "Reassign dynamically" in a real browser (issue 8 #3): a play task that fell back to the play's owner because the
// account role was empty goes to the role holder named since, from the button on the task panel.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, login, withShot, type Server } from './harness.ts';
import { getTask, lookups, type TaskOut } from './fixtures.ts';

describe('reassign dynamically in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  it('gives a fallback task to the account role holder named since', () =>
    withShot(
      () => page,
      'reassign-dynamically',
      async () => {
        const data = await lookups(server);
        const account = data.accounts[6]!;
        const holder = data.users.find((u) => u.id !== data.me.id)!;
        const role = await server.api<{ id: string }>('POST', '/api/v1/account-roles', {
          name: 'Escalation lead',
        });
        const play = await server.api<{ id: string }>('POST', '/api/v1/plays', {
          name: 'Escalation call',
          description: 'Call when a customer escalates.',
          subject: 'accounts',
          trigger: { type: 'manual' },
          criteria: null,
          actions: [
            {
              id: 'call',
              type: 'create_task',
              title: 'Escalation: call {{account.name}}',
              description: '<p>Call them.</p>',
              dueInDays: 2,
              flowId: data.flows[0]!.id,
              assignee: { type: 'role', roleId: role.id },
            },
          ],
        });
        await server.api('POST', `/api/v1/plays/${play.id}/enable`, { fireNow: false });
        await server.api('POST', `/api/v1/plays/${play.id}/run`, { accountIds: [account.id] });
        const [task] = (
          await server.api<{ data: TaskOut[] }>(
            'GET',
            `/api/v1/tasks?playId=${play.id}&status=open`,
          )
        ).data;
        assert.equal(
          task?.assignee.id,
          data.me.id,
          'nobody held the role: the play owner got the task',
        );
        // The role is filled afterwards (empty before, so no open task moves by itself).
        await server.api('PUT', `/api/v1/accounts/${account.id}/roles/${role.id}`, {
          userId: holder.id,
        });

        await login(page);
        await page.goto(`/accounts/${account.id}?task=${task.id}`);
        const panel = page.getByRole('dialog', { name: 'Task' });
        await panel.getByText('Assigned to you as the fallback').waitFor();
        await panel.getByRole('button', { name: 'Reassign dynamically' }).click();
        await panel.getByText('Assigned to you as the fallback').waitFor({ state: 'detached' });
        assert.equal((await getTask(server, task.id)).assignee.id, holder.id);
        assert.deepEqual(errors, []);
      },
    ));
});
