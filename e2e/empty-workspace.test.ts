// A new, empty workspace's first screen (PLAYMAKER_SEED=empty, as a production first start): the admin
// is told what to do first — accounts, flows, people, a first play — each with its button, at desktop and
// phone width; the empty lists say how to fill them; a step done is ticked off.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, seriousA11yViolations, withShot } from './harness.ts';

describe('an empty workspace in the browser', () => {
  let page: Page;
  let errors: string[];

  browserSuite({ env: () => ({ PLAYMAKER_SEED: 'empty' }), signIn: true }, (s) => {
    ({ page, errors } = s);
  });

  const card = () => page.getByRole('region', { name: 'Set up your workspace' });
  const step = (title: string) => card().getByRole('listitem').filter({ hasText: title });

  it('My Portfolio says what to set up first, with a button for each step, at 1366 and 390 px', () =>
    withShot(
      () => page,
      'empty-workspace-first-screen',
      async () => {
        for (const width of [1366, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          await page.goto('/portfolio');
          await card().waitFor();
          assert.equal(
            await page.getByRole('region', { name: 'What to try next' }).count(),
            0,
            'no demo suggestions in a workspace without the demo',
          );
          for (const [title, button] of [
            ['Add your accounts', 'Import CSV'],
            ['Name your flows', 'Add flows'],
            ['Invite your team', 'Add users'],
            ['Build your first play', 'New play'],
          ] as const)
            await step(title)
              .getByRole(button === 'Import CSV' ? 'button' : 'link', { name: button })
              .waitFor();
          const sideways = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          assert.ok(sideways <= 0, `the page scrolls ${sideways}px sideways at ${width} px`);
          assert.deepEqual(await seriousA11yViolations(page), [], `axe at ${width} px`);
        }
        await page.setViewportSize({ width: 1366, height: 900 });

        // The first step opens the CSV import right there.
        await step('Add your accounts').getByRole('button', { name: 'Import CSV' }).click();
        const dialog = page.getByRole('dialog', { name: /Import/ });
        await dialog.waitFor();
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });

        // Adding a task needs a flow: the dialog says where flows come from.
        await page.getByRole('button', { name: 'Add task' }).click();
        const addTask = page.getByRole('dialog', { name: 'Add task' });
        await addTask
          .getByPlaceholder('No flows yet: an admin adds them in Settings → Flows')
          .waitFor();
        await addTask.getByRole('button', { name: 'Cancel' }).click();
        await addTask.waitFor({ state: 'hidden' });
      },
    ));

  it('each empty list says how to fill it; a flow added ticks its step off', () =>
    withShot(
      () => page,
      'empty-workspace-lists',
      async () => {
        await page.goto('/accounts');
        await page.getByText('No accounts yet').waitFor();
        await page.getByText(/Import a CSV of your accounts and their contacts/).waitFor();
        await page.getByRole('button', { name: 'Import accounts from CSV' }).waitFor();

        await page.goto('/plays');
        await page.getByText('No plays yet').waitFor();
        await page.getByRole('link', { name: 'Build the first play' }).waitFor();

        // From the card to Settings → Flows, which says what a flow is; one added, the step is done.
        await page.goto('/portfolio');
        await step('Name your flows').getByRole('link', { name: 'Add flows' }).click();
        await page.getByText(/Every task belongs to a flow/).waitFor();
        await page.getByRole('textbox', { name: 'New flow' }).fill('Onboarding');
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await page.getByRole('table', { name: 'flows' }).getByText('Onboarding').waitFor();
        await page.goto('/portfolio');
        await step('Name your flows').getByText('Done').waitFor();
        assert.equal(await step('Name your flows').getByRole('link').count(), 0);
        await step('Add your accounts').getByRole('button', { name: 'Import CSV' }).waitFor();

        // Dismissed, it stays away after a reload.
        await card().getByRole('button', { name: 'Dismiss “Set up your workspace”' }).click();
        await card().waitFor({ state: 'hidden' });
        await page.reload();
        await page.getByRole('heading', { name: 'My Portfolio' }).waitFor();
        await page.waitForLoadState('networkidle');
        assert.equal(await card().count(), 0);
        assert.deepEqual(errors, []);
      },
    ));
});
