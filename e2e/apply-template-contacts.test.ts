// Applying a template to selected contacts from an account's Contacts tab (issue 8 #6, SPEC §3 — ONTRAPORT's
// main path): one task per contact, with {{contact.first_name}} filled in. The template editor counts a due
// offset in calendar or working days (SPEC §14).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, login, withShot, type Server } from './harness.ts';
import { lookups, type TaskOut } from './fixtures.ts';

describe('apply a template to contacts in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  it('creates one task per selected contact, naming each contact', () =>
    withShot(
      () => page,
      'apply-template-contacts',
      async () => {
        const data = await lookups(server);
        const account = data.accounts[3]!;
        for (const firstName of ['Pat', 'Lee'])
          await server.api('POST', '/api/v1/contacts', {
            accountId: account.id,
            firstName,
            lastName: 'Example',
          });
        await server.api('POST', '/api/v1/templates', {
          name: 'Call the contact (e2e)',
          title: 'Call {{contact.first_name}} at {{account.name}}',
          description: '<p>Say hi to {{contact.first_name}}.</p>',
          dueOffsetDays: 2,
          flowId: data.flows[0]!.id,
          assigneeRule: { type: 'user', userId: data.me.id },
        });

        await login(page);
        await page.goto(`/accounts/${account.id}?tab=contacts`);
        await page.getByRole('checkbox', { name: 'Select Pat Example' }).check();
        await page.getByRole('checkbox', { name: 'Select Lee Example' }).check();
        await page.getByRole('combobox', { name: 'Template' }).click();
        await page.getByRole('option', { name: 'Call the contact (e2e)' }).click();
        await page.getByRole('button', { name: 'Apply template to 2 contacts' }).click();
        await page.getByText('2 tasks created').waitFor();

        const open = (
          await server.api<{ data: TaskOut[] }>(
            'GET',
            `/api/v1/tasks?accountId=${account.id}&status=open&limit=200`,
          )
        ).data.map((t) => t.title);
        assert.ok(open.includes(`Call Pat at ${account.name}`), open.join('\n'));
        assert.ok(open.includes(`Call Lee at ${account.name}`), open.join('\n'));
        assert.deepEqual(errors, []);
      },
    ));

  it('the template editor shows the due offset unit and saves "working days"', () =>
    withShot(
      () => page,
      'template-due-unit',
      async () => {
        const data = await lookups(server);
        const tpl = await server.api<{ id: string }>('POST', '/api/v1/templates', {
          name: 'Renewal check (e2e)',
          title: 'Check the renewal of {{account.name}}',
          description: '<p>Check it.</p>',
          dueOffsetDays: 3,
          flowId: data.flows[0]!.id,
          assigneeRule: { type: 'user', userId: data.me.id },
        });

        // Signed in by the test above (one page for the suite).
        await page.goto('/templates');
        await page.getByRole('button', { name: 'Renewal check (e2e)' }).click();
        const editor = page.getByRole('dialog', { name: 'Edit Renewal check (e2e)' });
        const unit = editor.getByRole('radiogroup', { name: 'Due after assignment: unit' });
        assert.equal(
          await unit.getByRole('radio', { name: 'days', exact: true }).isChecked(),
          true,
        );
        await editor.getByRole('textbox', { name: 'Due after assignment' }).fill('2');
        await unit.getByText('working days').click();
        await editor.getByRole('button', { name: 'Save template' }).click();
        await page.getByText('Template saved').waitFor();
        const saved = await server.api<{ dueOffsetDays: number; dueOffsetUnit: string }>(
          'GET',
          `/api/v1/templates/${tpl.id}`,
        );
        assert.deepEqual([saved.dueOffsetDays, saved.dueOffsetUnit], [2, 'working_days']);
        await page
          .getByRole('row', { name: /Renewal check \(e2e\)/ })
          .getByText('2 working days')
          .waitFor();
        await page.getByRole('button', { name: 'Renewal check (e2e)' }).click();
        assert.equal(
          await page
            .getByRole('dialog', { name: 'Edit Renewal check (e2e)' })
            .getByRole('radio', { name: 'working days' })
            .isChecked(),
          true,
          'the editor shows the saved unit',
        );
        await page.keyboard.press('Escape');
        // A follow-up from it without its own offset shows the template's: 2, working days.
        await server.api('POST', '/api/v1/templates', {
          name: 'First contact (e2e)',
          title: 'Contact {{account.name}}',
          description: '<p>Say hi.</p>',
          dueOffsetDays: 1,
          flowId: data.flows[0]!.id,
          assigneeRule: { type: 'user', userId: data.me.id },
          outcomes: [
            { name: 'Later', actions: [{ type: 'create_task_from_template', templateId: tpl.id }] },
          ],
        });
        await page.reload();
        await page.getByRole('button', { name: 'First contact (e2e)' }).click();
        const first = page.getByRole('dialog', { name: 'Edit First contact (e2e)' });
        // The placeholder follows once the templates list has loaded.
        await first
          .getByRole('textbox', { name: 'Due in days' })
          .and(first.getByPlaceholder('2', { exact: true }))
          .waitFor();
        assert.equal(
          await first.getByRole('combobox', { name: 'Due in: unit' }).inputValue(),
          'working days',
        );
        // So does a play's task action from it.
        const play = await server.api<{ id: string }>('POST', '/api/v1/plays', {
          name: 'Renewal checks (e2e)',
          description: 'Check renewals',
          subject: 'accounts',
          trigger: { type: 'enter' },
          criteria: { kind: 'compare', field: 'name', op: 'eq', value: 'nobody' },
          actions: [
            {
              id: 'check',
              type: 'create_task',
              templateId: tpl.id,
              assignee: { type: 'user', userId: data.me.id },
            },
          ],
        });
        await page.goto(`/plays/${play.id}`);
        await page
          .getByRole('textbox', { name: 'Due in (after firing)' })
          .and(page.getByPlaceholder("2 (the template's)", { exact: true }))
          .waitFor();
        assert.equal(
          await page
            .getByRole('radiogroup', { name: 'Due in (after firing): unit' })
            .getByRole('radio', { name: 'working days' })
            .isChecked(),
          true,
        );
        assert.deepEqual(errors, []);
      },
    ));
});
