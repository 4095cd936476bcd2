// Play versions in a real browser (SPEC §5): editing an enabled play saves a draft, the page says so
// and shows what changed in words; publishing puts it in force; an old version can be restored.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, login, withShot, type Server } from './harness.ts';
import { lookups } from './fixtures.ts';

type PlayOut = {
  id: string;
  status: string;
  version: number;
  publishedVersion: number;
  actions: Array<{ dueInDays: number }>;
  draft: { number: number } | null;
};

describe('play versions in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  it('edit an enabled play → draft banner → diff in words → publish; restore an old version', () =>
    withShot(
      () => page,
      'play-versions',
      async () => {
        const data = await lookups(server);
        const created = await server.api<PlayOut>('POST', '/api/v1/plays', {
          name: 'Quarterly check-in',
          description: 'Call each account every quarter.',
          subject: 'accounts',
          trigger: { type: 'manual' },
          actions: [
            {
              type: 'create_task',
              title: 'Check in with {{account.name}}',
              description: 'How is it going?',
              dueInDays: 3,
              flowId: data.flows[0]!.id,
              assignee: { type: 'user', userId: data.me.id },
            },
          ],
        });
        await server.api('POST', `/api/v1/plays/${created.id}/enable`, { fireNow: false });
        const play = () => server.api<PlayOut>('GET', `/api/v1/plays/${created.id}`);
        await login(page);

        // Edit the enabled play: the save is a draft, the play in force is unchanged.
        await page.goto(`/plays/${created.id}`);
        const action = page.getByRole('group', { name: 'Action 1: Create task' });
        await action.getByRole('textbox', { name: /^Due in/ }).fill('5');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('Draft saved: the play keeps running').waitFor();
        const banner = page
          .getByRole('status')
          .filter({ hasText: 'Draft — changes not in force yet' });
        await banner.waitFor();
        assert.equal((await play()).actions[0]!.dueInDays, 3, 'the version in force is unchanged');
        assert.equal((await play()).draft?.number, 2);
        // The form still shows what was saved (the draft), not the version in force.
        assert.equal(await action.getByRole('textbox', { name: /^Due in/ }).inputValue(), '5');

        // The diff against the version in force, in words.
        await banner.getByRole('button', { name: 'See what changed' }).click();
        const diff = page.getByLabel('Changes in version 2');
        await diff
          .getByText("Create task 'Check in with {{account.name}}': due in 3 days → 5 days")
          .waitFor();
        const versions = page.getByRole('table', { name: 'Versions' });
        await versions.getByRole('row', { name: /Version 1.*In force/ }).waitFor();
        await versions.getByRole('row', { name: /Version 2.*Draft/ }).waitFor();

        // Publish: the banner goes, version 2 is in force.
        await banner.getByRole('button', { name: 'Publish' }).click();
        await page.getByText('Version 2 is now in force.').waitFor();
        await banner.waitFor({ state: 'detached' });
        await versions.getByRole('row', { name: /Version 2.*In force/ }).waitFor();
        const published = await play();
        assert.equal(published.publishedVersion, 2);
        assert.equal(published.actions[0]!.dueInDays, 5);

        // Restore version 1: on an enabled play it becomes the draft, shown against the version in force.
        await versions.getByRole('button', { name: 'Restore version 1' }).click();
        await page
          .getByRole('dialog', { name: 'Restore version 1?' })
          .getByRole('button', { name: 'Restore' })
          .click();
        await page.getByText('Version 1 restored as the draft').waitFor();
        await banner.waitFor();
        await versions
          .getByRole('row', { name: /Version 3.*Draft/ })
          .getByRole('button', { name: 'Compare' })
          .click();
        await page
          .getByLabel('Changes in version 3')
          .getByText("Create task 'Check in with {{account.name}}': due in 5 days → 3 days")
          .waitFor();
        await banner.getByRole('button', { name: 'Publish' }).click();
        await banner.waitFor({ state: 'detached' });
        const restored = await play();
        assert.equal(restored.publishedVersion, 3);
        assert.equal(restored.actions[0]!.dueInDays, 3);

        // A draft left on a play that is then disabled stays visible: the builder edits it, the banner says so.
        await server.api('PATCH', `/api/v1/plays/${created.id}`, {
          version: restored.version,
          actions: [{ ...restored.actions[0], dueInDays: 8 }],
        });
        await server.api('POST', `/api/v1/plays/${created.id}/disable`);
        await page.goto(`/plays/${created.id}?tab=setup`);
        await banner.filter({ hasText: 'The play is disabled' }).waitFor();
        assert.equal(await action.getByRole('textbox', { name: /^Due in/ }).inputValue(), '8');
        assert.deepEqual(errors, []);
      },
    ));
});
