// Running plays on demand from the web app (SPEC §5): a manual play on one account from the account page,
// and a recurring play "now" from its play page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, ensureSignedIn, login, withShot, type Server } from './harness.ts';
import { lookups } from './fixtures.ts';

describe('run a play on demand in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  const createPlay = async (
    name: string,
    trigger: object,
    criteria: object | null,
    userId: string,
    flowId: string,
  ) => {
    const play = await server.api<{ id: string }>('POST', '/api/v1/plays', {
      name,
      description: 'Run by hand when a customer asks.',
      subject: 'accounts',
      trigger,
      criteria,
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: `${name}: call {{account.name}}`,
          description: '<p>Call them.</p>',
          dueInDays: 2,
          flowId,
          assignee: { type: 'user', userId },
        },
      ],
    });
    await server.api('POST', `/api/v1/plays/${play.id}/enable`, { fireNow: false });
    return play;
  };
  const runsOf = (playId: string) =>
    server.api<{ data: Array<{ kind: string; counts: { created: number } }> }>(
      'GET',
      `/api/v1/plays/${playId}/runs`,
    );

  it('runs a manual play on an account from the account page', () =>
    withShot(
      () => page,
      'run-play-account',
      async () => {
        const data = await lookups(server);
        const account = data.accounts[5]!;
        const play = await createPlay(
          'Escalation review',
          { type: 'manual' },
          null,
          data.me.id,
          data.flows[0]!.id,
        );
        await login(page);

        await page.goto(`/accounts/${account.id}`);
        await page.getByRole('heading', { name: account.name }).waitFor();
        await page.getByRole('button', { name: 'Run a play…' }).click();
        await page.getByRole('menuitem', { name: 'Escalation review' }).click();
        const dialog = page.getByRole('dialog', { name: 'Run “Escalation review”' });
        await dialog.getByText(`Run the play now for ${account.name}.`).waitFor();
        await dialog.getByRole('button', { name: 'Run' }).click();
        await page.getByText('1 task created, 0 skipped, 0 errors').waitFor();
        await dialog.waitFor({ state: 'hidden' });

        // The task is on the account's work list at once, and the run is recorded as a manual run of one account.
        await page
          .getByTestId('task-row')
          .filter({ hasText: `Escalation review: call ${account.name}` })
          .waitFor();
        const runs = await runsOf(play.id);
        assert.deepEqual(
          runs.data.map((r) => [r.kind, r.counts.created]),
          [['manual', 1]],
        );
        assert.deepEqual(errors, []);
      },
    ));

  it('runs a recurring play now from its page, as the schedule would', () =>
    withShot(
      () => page,
      'run-play-recurring',
      async () => {
        await ensureSignedIn(page);
        const data = await lookups(server);
        const account = data.accounts[6]!;
        const play = await createPlay(
          'Quarterly review',
          { type: 'recurring', recurring: { every: { n: 3, unit: 'months' } } },
          { kind: 'compare', field: 'name', op: 'eq', value: account.name },
          data.me.id,
          data.flows[0]!.id,
        );

        await page.goto(`/plays/${play.id}`);
        await page.getByRole('heading', { name: 'Quarterly review' }).waitFor();
        await page.getByRole('button', { name: 'Run now…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Run “Quarterly review”' });
        assert.equal(
          await dialog.getByRole('radio', { name: /as the schedule would/ }).isChecked(),
          true,
        );
        await dialog.getByRole('button', { name: 'Run' }).click();
        await page.getByText('1 task created, 0 skipped, 0 errors').waitFor();
        assert.deepEqual(
          (await runsOf(play.id)).data.map((r) => [r.kind, r.counts.created]),
          [['manual', 1]],
        );
        assert.deepEqual(errors, []);
      },
    ));
});
