// Segments and plays in a real browser: build a segment with a live preview, build a play from it, enable it,
// change an account on its page, and see the play's task appear in My Portfolio.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, ensureSignedIn, login, withShot, type Server } from './harness.ts';
import { lookups } from './fixtures.ts';

describe('segments and plays in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  it('builds a segment and a play; an account change fires the play', () =>
    withShot(
      () => page,
      'plays',
      async () => {
        const data = await lookups(server);
        const account = data.accounts[3]!;
        await login(page);

        // Segment: accounts whose CSM notes contain a marker; the preview counts live.
        await page.goto('/segments/new');
        await page.getByRole('textbox', { name: 'Name' }).fill('VIP marker');
        await page.getByRole('button', { name: 'Add condition' }).click();
        const row = page.getByRole('group', { name: 'Condition 1' });
        await row.getByRole('combobox', { name: 'Field' }).click();
        await page.getByRole('option', { name: 'CSM notes' }).first().click();
        await row.getByRole('combobox', { name: 'Operator' }).click();
        await page.getByRole('option', { name: 'contains' }).click();
        await row.getByRole('textbox', { name: 'Value' }).fill('vip-e2e');
        await page.getByTestId('preview-count').filter({ hasText: '0 accounts match' }).waitFor();
        await page.getByRole('button', { name: 'Save segment' }).click();
        await page.getByRole('tab', { name: 'Work' }).waitFor();

        // Play: copy the segment's criteria, create a task for the admin on entry.
        await page.goto('/plays/new');
        await page.getByRole('textbox', { name: 'Name' }).fill('Welcome VIPs');
        await page
          .getByRole('textbox', { name: 'Description' })
          .first()
          .fill('Call every account that becomes a VIP.');
        await page.getByText('Copy from a segment').click();
        await page.getByRole('combobox', { name: 'Segment' }).click();
        await page.getByRole('option', { name: 'VIP marker' }).click();
        const action = page.getByRole('group', { name: 'Action 1: Create task' });
        await action
          .getByRole('textbox', { name: 'Title' })
          .fill('Welcome call for {{account.name}}');
        await action
          .getByRole('textbox', { name: 'Description' })
          .fill('Say hello to {{account.name}}.');
        await action.getByRole('combobox', { name: 'Flow' }).click();
        await page.getByRole('option', { name: 'Onboarding' }).click();
        const assignee = action.getByRole('group', { name: 'Assignee' });
        await assignee.getByText('Named user').click();
        await assignee.getByRole('combobox', { name: 'Assignee: user' }).fill('Ada');
        await page.getByRole('option', { name: 'Ada Admin' }).click();
        await page.getByRole('button', { name: 'Create play (disabled)' }).click();
        await page.getByRole('heading', { name: 'Welcome VIPs' }).waitFor();
        await page.getByRole('button', { name: 'Enable…' }).click();
        const enable = page.getByRole('dialog', { name: 'Enable the play' });
        await enable
          .getByRole('radio', { name: /only for records that meet the criteria from now on/ })
          .check();
        await enable.getByRole('button', { name: 'Enable' }).click();
        await page.getByText('enabled', { exact: true }).first().waitFor();

        // Change the account on its Attributes tab: it enters the criteria.
        await page.goto(`/accounts/${account.id}?tab=attributes`);
        await page.getByRole('button', { name: 'Edit attributes' }).click();
        await page.getByRole('textbox', { name: 'CSM notes' }).fill('vip-e2e customer');
        await page.getByRole('button', { name: 'Save attributes' }).click();
        await page.getByRole('button', { name: 'Edit attributes' }).waitFor();

        // The play engine runs in the background: the task shows up in My Portfolio shortly.
        const title = `Welcome call for ${account.name}`;
        const deadline = Date.now() + 60_000;
        for (;;) {
          await page.goto('/portfolio');
          await page.getByRole('heading', { name: 'My Portfolio' }).waitFor();
          await page.waitForLoadState('networkidle');
          if (await page.getByTestId('task-row').filter({ hasText: title }).count()) break;
          if (Date.now() > deadline) assert.fail(`no task "${title}" appeared`);
          await page.waitForTimeout(1500);
        }
        assert.deepEqual(errors, []);
      },
    ));

  it('a play saved without an assignee shows the error and keeps what was typed', () =>
    withShot(
      () => page,
      'play-errors',
      async () => {
        await ensureSignedIn(page);
        await page.goto('/plays/new');
        await page.getByRole('textbox', { name: 'Name' }).fill('Renewal prep');
        await page
          .getByRole('textbox', { name: 'Description' })
          .first()
          .fill('Prepare every renewal.');
        const action = page.getByRole('group', { name: 'Action 1: Create task' });
        await action
          .getByRole('textbox', { name: 'Title' })
          .fill('Prepare the renewal of {{account.name}}');
        await action
          .getByRole('textbox', { name: 'Description' })
          .fill('Check usage and open tickets.');
        await action.getByRole('combobox', { name: 'Flow' }).click();
        await page.getByRole('option', { name: 'Renewal' }).click();
        // The assignee stays "Account role" with no role chosen.
        await page.getByRole('button', { name: 'Create play (disabled)' }).click();

        // The problem shows on the assignee, and a general message says the play was not saved.
        const assignee = action.getByRole('group', { name: 'Assignee' });
        await assignee.getByText('Choose an account role.').waitFor();
        await page.getByRole('alert').filter({ hasText: 'The play was not saved' }).waitFor();
        assert.match(page.url(), /\/plays\/new$/);
        assert.equal(
          await page.getByRole('textbox', { name: 'Name' }).inputValue(),
          'Renewal prep',
        );
        assert.equal(
          await action.getByRole('textbox', { name: 'Title' }).inputValue(),
          'Prepare the renewal of {{account.name}}',
        );
        assert.equal(
          // The description is rich text, like a manual task's.
          await action.getByRole('textbox', { name: 'Description' }).innerText(),
          'Check usage and open tickets.',
        );
        assert.equal(await action.getByRole('combobox', { name: 'Flow' }).inputValue(), 'Renewal');

        // An error on a path the builder has no input for is listed with its path, never swallowed.
        await page.route('**/api/v1/plays', (route) =>
          route.request().method() === 'POST'
            ? route.fulfill({
                status: 400,
                contentType: 'application/json',
                body: JSON.stringify({
                  error: {
                    code: 'validation_failed',
                    message: 'The play is not valid.',
                    details: [
                      { path: 'body.actions.0.futureSetting', message: 'is not allowed here' },
                    ],
                  },
                }),
              })
            : route.continue(),
        );
        await page.getByRole('button', { name: 'Create play (disabled)' }).click();
        await page
          .getByRole('alert')
          .filter({ hasText: 'actions.0.futureSetting: is not allowed here' })
          .waitFor();
        await page.unroute('**/api/v1/plays');

        // With a role chosen the same draft saves.
        await assignee.getByRole('combobox', { name: 'Assignee: role' }).click();
        await page.getByRole('option').first().click();
        await page.getByRole('button', { name: 'Create play (disabled)' }).click();
        await page.getByRole('heading', { name: 'Renewal prep' }).waitFor();
        assert.deepEqual(errors, []);
      },
    ));

  it('a play changed elsewhere while the builder has unsaved edits keeps them, and saving says it conflicts instead of overwriting', () =>
    withShot(
      () => page,
      'play-concurrent-edit',
      async () => {
        await ensureSignedIn(page);
        // The "Renewal prep" play saved (disabled) by the previous test.
        const list = await server.api<{
          data: Array<{ id: string; name: string; version: number }>;
        }>('GET', '/api/v1/plays');
        const saved = list.data.find((x) => x.name === 'Renewal prep');
        assert.ok(saved, 'the previous test saved the play');
        await page.goto(`/plays/${saved.id}`);
        await page.getByRole('heading', { name: 'Renewal prep' }).waitFor();
        await page.getByRole('textbox', { name: 'Name' }).fill('Renewal prep (edited)');
        // Someone else edits the play; enabling it makes the page load the new version.
        await server.api('PATCH', `/api/v1/plays/${saved.id}`, {
          version: saved.version,
          description: 'Changed by a colleague.',
        });
        await page.getByRole('button', { name: 'Enable…' }).click();
        const enable = page.getByRole('dialog', { name: 'Enable the play' });
        await enable
          .getByRole('radio', { name: /only for records that meet the criteria from now on/ })
          .check();
        await enable.getByRole('button', { name: 'Enable' }).click();
        await page.getByText('enabled', { exact: true }).first().waitFor();
        await page.getByText('Changed by a colleague.').first().waitFor();
        assert.equal(
          await page.getByRole('textbox', { name: 'Name' }).inputValue(),
          'Renewal prep (edited)',
          'the unsaved edit survives the reload',
        );
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page
          .getByRole('alert')
          .filter({ hasText: 'Someone else changed this play since you opened it' })
          .waitFor();
        const after = await server.api<{ name: string; description: string }>(
          'GET',
          `/api/v1/plays/${saved.id}`,
        );
        assert.deepEqual(
          [after.name, after.description],
          ['Renewal prep', 'Changed by a colleague.'],
          "the colleague's change is not overwritten",
        );
        assert.deepEqual(
          errors.filter((e) => !/409/.test(e)),
          [],
        );
      },
    ));
});
