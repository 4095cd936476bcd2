// Journeys in the browser (issue 11): a person builds the ONTRAPORT "call the lead" campaign as steps —
// a task with outcomes, wait until it is completed, a branch per outcome — saves it, and finds it again
// after a reload; the builder passes axe at 1366 and 390 px.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, login, seriousA11yViolations, withShot, type Server } from './harness.ts';
import { lookups } from './fixtures.ts';

const PLAY = 'Call new leads';

describe('journeys in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  let playUrl = '';

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  const step = (summary: string | RegExp) =>
    page.getByRole('group', { name: summary }).and(page.getByTestId('journey-step'));
  const lane = (name: string) => page.getByRole('group', { name: `Path ‘${name}’` });
  const pick = async (scope: Locator, label: string, option: string) => {
    await scope.getByRole('combobox', { name: label }).click();
    // Only the open list: a closed picker elsewhere may keep its options in the page, hidden.
    await page.getByRole('option', { name: option, exact: true }).filter({ visible: true }).click();
  };
  const addStep = async (where: string | RegExp, item: string) => {
    await page.getByRole('button', { name: where }).click();
    await page.getByRole('menuitem', { name: item, exact: true }).click();
  };
  /** A create-task step's fields: title, description, the Onboarding flow, Ada as assignee. */
  const fillTask = async (card: Locator, title: string) => {
    await card.getByRole('textbox', { name: 'Title' }).fill(title);
    await card.getByRole('textbox', { name: 'Description' }).fill(`${title} for {{account.name}}.`);
    await pick(card, 'Flow', 'Onboarding');
    const assignee = card.getByRole('group', { name: 'Assignee' });
    await assignee.getByText('Named user').click();
    await assignee.getByRole('combobox', { name: 'Assignee: user' }).fill('Ada');
    await page.getByRole('option', { name: 'Ada Admin' }).click();
  };
  const axe = async (what: string) => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const found = await seriousA11yViolations(page);
    assert.deepEqual(found, [], `${what}:\n${found.join('\n')}`);
  };

  it('builds the call-the-lead campaign as steps, saves it, and finds it again after a reload', () =>
    withShot(
      () => page,
      'journey-builder',
      async () => {
        await login(page);
        await page.goto('/plays/new');
        await page.getByRole('textbox', { name: 'Name' }).fill(PLAY);
        await page
          .getByRole('textbox', { name: 'Description' })
          .first()
          .fill('Call every new lead; follow up by outcome.');
        // A lead is a contact: the e-mail step needs a contact play. New leads carry the tag "new-lead".
        await page.getByRole('radio', { name: 'Contacts' }).check();
        await page.getByRole('button', { name: 'Add condition' }).first().click();
        const cond = page.getByRole('group', { name: 'Condition 1' });
        await pick(cond, 'Condition type', 'Tag');
        await cond.getByRole('textbox', { name: 'Tag' }).fill('new-lead');
        await page.getByRole('switch', { name: 'Run as a journey (steps over time)' }).check();

        // 1. Call the lead: a task with three outcomes.
        const call = page.getByTestId('journey-step').first();
        await fillTask(call, 'Call the lead');
        const outcomes = call.getByRole('combobox', { name: 'Outcomes' });
        for (const o of ['Interested', 'Left a message', 'Not interested']) {
          await outcomes.fill(o);
          await outcomes.press('Enter');
        }
        await call.getByRole('button', { name: 'Done editing ‘Call the lead’' }).click();
        await step('Create task: Call the lead').waitFor();

        // 2. Wait until the call is completed, at most 14 days.
        await addStep('Add step after ‘Call the lead’', 'Wait until');
        const until = step(/^Wait until/);
        await pick(until, 'Task step', 'Call the lead');
        await step('Wait until ‘Call the lead’ is completed, at most 14 days').waitFor();

        // 3. A branch per outcome, each path its own lane.
        await addStep(/^Add step after ‘Wait until ‘Call the lead’/, 'Branch');
        const branch = step(/^Branch:/);
        const paths = ['Interested', 'Left a message', 'Not interested'];
        for (const [i, name] of paths.entries()) {
          if (i > 0) await branch.getByRole('button', { name: 'Add path' }).click();
          const l = lane(`Path ${i + 1}`);
          await l.getByRole('textbox', { name: 'Path name' }).fill(name);
          await pick(lane(name), 'Task step', 'Call the lead');
          await lane(name).getByRole('checkbox', { name, exact: true }).check();
        }
        await step('Branch: Interested · Left a message · Not interested · otherwise').waitFor();

        // Interested: an e-mail, then a proposal task due in 7 days.
        await addStep('Add step at the start in ‘Interested’', 'Send e-mail to contact');
        const mail = lane('Interested').getByTestId('journey-step').first();
        await mail.getByRole('textbox', { name: 'Subject' }).fill('Thanks for your time');
        await mail.getByRole('textbox', { name: 'Body' }).fill('Here is what we talked about.');
        await addStep(/^Add step after ‘Thanks for your time’ in ‘Interested’/, 'Create task');
        const proposal = lane('Interested').getByTestId('journey-step').nth(1);
        await fillTask(proposal, 'Send the proposal');
        await proposal.getByRole('textbox', { name: /^Due in \(/ }).fill('7');

        // Left a message: wait 2 working days, then call again — at most 3 times.
        await addStep('Add step at the start in ‘Left a message’', 'Wait');
        const wait = lane('Left a message').getByTestId('journey-step').first();
        await wait.getByRole('textbox', { name: 'Wait' }).fill('2');
        await pick(wait, 'Unit', 'working days');
        await step('Wait 2 working days after the previous step').waitFor();
        await addStep(/^Add step after ‘Wait 2 working days/, 'Go to');
        const goTo = lane('Left a message').getByTestId('journey-step').nth(1);
        await pick(goTo, 'Go back to', 'Call the lead');
        await step('Go back to ‘Call the lead’ — at most 3 times').waitFor();

        // Not interested: tag, then end.
        await addStep('Add step at the start in ‘Not interested’', 'Add tag');
        const tag = lane('Not interested').getByTestId('journey-step').first();
        await tag.getByRole('textbox', { name: 'Tag' }).fill('not-interested');
        await addStep(/^Add step after ‘not-interested’ in ‘Not interested’/, 'End');
        await step('End the journey').waitFor();

        // Reorder inside a lane: up, then down again.
        await page.getByRole('button', { name: 'Move ‘Send the proposal’ up' }).click();
        assert.equal(
          await lane('Interested').getByTestId('journey-step').first().getAttribute('aria-label'),
          'Create task: Send the proposal',
        );
        await page.getByRole('button', { name: 'Move ‘Send the proposal’ down' }).click();
        assert.equal(
          await lane('Interested').getByTestId('journey-step').first().getAttribute('aria-label'),
          'Send e-mail to contact: Thanks for your time',
        );

        // Leaving and entering again: once ever; a lead who is no longer new leaves, its open tasks cancelled.
        const rules = page.getByRole('group', { name: 'Leaving and entering again' });
        await pick(rules, 'A record may enter again', 'Once ever');
        await pick(rules, 'Its open tasks when a record leaves', 'Cancel them');
        await rules.getByRole('checkbox', { name: /no longer meets the play's criteria/ }).check();

        await axe('journey builder at 1366 px');

        await page.getByRole('button', { name: 'Create play (disabled)' }).click();
        await page.getByRole('heading', { name: PLAY }).waitFor();
        playUrl = new URL(page.url()).pathname;

        // After a reload the journey is there as built, every step in words.
        await page.reload();
        await page.getByRole('heading', { name: PLAY }).waitFor();
        for (const summary of [
          'Create task: Call the lead',
          'Wait until ‘Call the lead’ is completed, at most 14 days',
          'Branch: Interested · Left a message · Not interested · otherwise',
          'Send e-mail to contact: Thanks for your time',
          'Create task: Send the proposal',
          'Wait 2 working days after the previous step',
          'Go back to ‘Call the lead’ — at most 3 times',
          'Add tag: not-interested',
          'End the journey',
        ])
          await step(summary).waitFor();
        await lane('Left a message').getByText('Go back to ‘Call the lead’').waitFor();
        const saved = page.getByRole('group', { name: 'Leaving and entering again' });
        assert.equal(
          await saved.getByRole('combobox', { name: 'A record may enter again' }).inputValue(),
          'Once ever',
        );
        assert.equal(
          await saved
            .getByRole('combobox', { name: 'Its open tasks when a record leaves' })
            .inputValue(),
          'Cancel them',
        );
        assert.ok(
          await saved
            .getByRole('checkbox', { name: /no longer meets the play's criteria/ })
            .isChecked(),
        );
        assert.equal(await page.getByTestId('journey-step').count(), 9);
        assert.deepEqual(errors, []);
      },
    ));

  it("the server's errors show at the step's field and go away once fixed", () =>
    withShot(
      () => page,
      'journey-errors',
      async () => {
        await page.goto(playUrl);
        await step('Create task: Send the proposal').waitFor();
        // A go-to with no target inside the Interested lane: the error shows on its field.
        await addStep(/^Add step after ‘Send the proposal’ in ‘Interested’/, 'Go to');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByRole('alert').filter({ hasText: 'The play was not saved' }).waitFor();
        const goTo = lane('Interested').getByTestId('journey-step').nth(2);
        await goTo.getByText('Choose an earlier step.').waitFor();
        // Choosing a target drops the stale error at once.
        await pick(goTo, 'Go back to', 'Call the lead');
        await goTo.getByText('Choose an earlier step.').waitFor({ state: 'detached' });

        // A task step in a lane saved without its title: the server's error shows at that Title.
        const task = lane('Interested').getByTestId('journey-step').nth(1);
        await task.getByRole('button', { name: 'Edit ‘Send the proposal’' }).click();
        const title = task.getByRole('textbox', { name: 'Title' });
        await title.fill('');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await task.getByText('A title is required.').waitFor();
        assert.equal(await title.getAttribute('aria-invalid'), 'true');
        await title.fill('Send the proposal');
        await task.getByText('A title is required.').waitFor({ state: 'detached' });

        // Without the extra step the play saves again.
        await goTo.getByRole('button', { name: /^Delete ‘Go back to/ }).click();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('Play saved').waitFor();
        assert.equal(await page.getByTestId('journey-step').count(), 9);
      },
    ));

  it('a lead enters through the API: the steps show their counts, the journey view says where it is, and a person removes it', () =>
    withShot(
      () => page,
      'journey-view',
      async () => {
        await page.goto(playUrl);
        await page.getByRole('button', { name: 'Enable…' }).click();
        const enable = page.getByRole('dialog', { name: 'Enable the play' });
        await enable
          .getByRole('radio', { name: /only for records that meet the criteria from now on/ })
          .check();
        await enable.getByRole('button', { name: 'Enable' }).click();
        await page.getByText('enabled', { exact: true }).first().waitFor();

        // An integration tags a contact as a new lead.
        const account = (await lookups(server)).accounts[2]!;
        const lead = (
          await server.api<{
            data: Array<{
              id: string;
              firstName: string;
              lastName: string;
              version: number;
              tags: string[];
            }>;
          }>('GET', `/api/v1/accounts/${account.id}/contacts`)
        ).data[0]!;
        await server.api('PATCH', `/api/v1/contacts/${lead.id}`, {
          tags: [...lead.tags, 'new-lead'],
          version: lead.version,
        });

        // The engine takes the lead in: the call task is made and the journey waits for it.
        const waiting = step('Wait until ‘Call the lead’ is completed, at most 14 days');
        const deadline = Date.now() + 90_000;
        for (;;) {
          await page.goto(playUrl);
          await waiting.waitFor();
          await page.waitForLoadState('networkidle');
          const counts = waiting.getByTestId('step-counts');
          if ((await counts.count()) && (await counts.innerText()).startsWith('1 here now')) break;
          if (Date.now() > deadline) assert.fail('the lead did not reach the wait step');
          await page.waitForTimeout(1500);
        }
        await step('Create task: Call the lead').getByText('0 here now · 1 done').waitFor();
        await page.getByTestId('journey-totals').getByText('Entered 1').waitFor();

        // The play's Journeys tab lists the lead; its journey says where it is and what was done.
        await page.getByRole('tab', { name: 'Journeys' }).click();
        await page
          .getByRole('button', { name: new RegExp(lead.firstName) })
          .first()
          .click();
        const view = page.getByTestId('journey-view');
        await view
          .getByTestId('journey-current-step')
          .getByText('Wait until ‘Call the lead’ is completed, at most 14 days')
          .waitFor();
        await view.getByText(/Waiting for a task to be completed; time runs out/).waitFor();
        await view.getByText('Create task: Call the lead').waitFor();
        await axe('journey view at 1366 px');
        await page.setViewportSize({ width: 390, height: 844 });
        await axe('journey view at 390 px');
        await page.keyboard.press('Escape');
        await view.waitFor({ state: 'detached' });
        await axe('journeys list at 390 px');
        await page.setViewportSize({ width: 1366, height: 900 });

        // On the lead's account, the Journeys tab shows the same journey; a person removes the lead.
        await page.goto(`/accounts/${account.id}?tab=journeys`);
        await page
          .getByRole('button', { name: new RegExp(lead.firstName) })
          .first()
          .click();
        await view.getByRole('button', { name: 'Remove from journey' }).click();
        const confirm = page.getByRole('dialog', { name: 'Remove from the journey?' });
        await confirm.getByRole('button', { name: 'Remove from journey' }).click();
        await view
          .getByTestId('journey-ended')
          .getByText(/Removed from the journey/)
          .waitFor();
        assert.equal(await view.getByRole('button', { name: 'Remove from journey' }).count(), 0);
        assert.deepEqual(errors, []);
      },
    ));

  it('the builder has no serious accessibility problems on a phone', () =>
    withShot(
      () => page,
      'journey-builder-phone',
      async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(playUrl);
        await step('Create task: Call the lead').waitFor();
        await page.getByRole('button', { name: /^Edit ‘Branch:/ }).click();
        await page.mouse.move(0, 0); // no hover state in the audit
        await axe('journey builder at 390 px');
        await page.setViewportSize({ width: 1366, height: 900 });
      },
    ));
});
