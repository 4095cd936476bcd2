// A disabled journey play in the browser (issue 11, SPEC §13): its running journeys go on, the play page
// says how many are still running, and "Remove all" takes them out after a confirmation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, login, seriousA11yViolations, withShot, type Server } from './harness.ts';
import { lookups } from './fixtures.ts';

describe('a disabled journey play in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  it('says how many journeys still run and removes them all', () =>
    withShot(
      () => page,
      'journey-disabled',
      async () => {
        const data = await lookups(server);
        const names = data.accounts.slice(0, 2).map((a) => a.name);
        const play = await server.api<{ id: string }>('POST', '/api/v1/plays', {
          name: 'Two-call follow-up (e2e)',
          description: 'Call, wait a week, call again',
          subject: 'accounts',
          trigger: { type: 'enter' },
          criteria: {
            kind: 'or',
            items: names.map((value) => ({ kind: 'compare', field: 'name', op: 'eq', value })),
          },
          actions: [],
          steps: [
            {
              id: 'pause',
              type: 'wait',
              duration: { n: 7, unit: 'days' },
              from: { kind: 'previous_step' },
            },
            {
              id: 'call',
              type: 'action',
              action: {
                type: 'create_task',
                title: 'Call {{account.name}}',
                description: 'Call them.',
                dueInDays: 3,
                flowId: data.flows[0]!.id,
                assignee: { type: 'user', userId: data.me.id },
              },
            },
          ],
        });
        await server.api('POST', `/api/v1/plays/${play.id}/enable`, { fireNow: true });
        await server.api('POST', `/api/v1/plays/${play.id}/disable`);

        await login(page);
        await page.goto(`/plays/${play.id}`);
        const banner = page.getByRole('status').filter({ hasText: '2 journeys still running' });
        await banner.getByText('no new records enter').waitFor();
        assert.deepEqual(await seriousA11yViolations(page), []);
        await banner.getByRole('button', { name: 'Remove all' }).click();
        await page.getByRole('dialog', { name: 'Remove 2 journeys?' }).waitFor();
        await page.getByRole('button', { name: 'Remove all' }).last().click();
        await page.getByText('2 journeys removed.').waitFor();
        await banner.waitFor({ state: 'detached' });
        const counts = await server.api<{ totals: { running: number; ended: number } }>(
          'GET',
          `/api/v1/plays/${play.id}/journey-steps`,
        );
        assert.deepEqual([counts.totals.running, counts.totals.ended], [0, 2]);
        assert.deepEqual(errors, []);
      },
    ));
});
