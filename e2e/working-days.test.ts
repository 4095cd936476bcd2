// Working days (SPEC §14) in the browser: an admin adds a holiday in Settings → Working days &
// holidays, switches a play action to "2 working days", runs it, and the task's due date in the
// Work list skips the weekend and the holiday.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  browserSuite,
  login,
  seriousA11yViolations,
  waitForInputValue,
  withShot,
  type Server,
} from './harness.ts';
import { lookups } from './fixtures.ts';
import { addWorkingDays } from '../src/working-days/calendar.ts';
import { todayIn } from '../src/workspaces/dates.ts';

/** "Dec 7, 2026": how the date picker and the Work list write a date. */
const shown = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });

describe('working days and holidays in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  it('a holiday added in Settings moves a "2 working days" task past it', () =>
    withShot(
      () => page,
      'working-days',
      async () => {
        const data = await lookups(server);
        const account = data.accounts[7]!;
        const ws = await server.api<{
          timeZone: string;
          settings: { workingDays: number[]; holidayCalendar: string };
        }>('GET', '/api/v1/workspace');
        const me = await server.api<{ timeZone: string | null }>(
          'GET',
          `/api/v1/users/${data.me.id}`,
        );
        // The assignee's today, and the first working day after it: that day becomes the holiday.
        const today = todayIn(me.timeZone ?? ws.timeZone, new Date());
        const noHolidays = { workingDays: ws.settings.workingDays, holidays: new Set<string>() };
        const holiday = addWorkingDays(today, 1, noHolidays);
        const without = addWorkingDays(today, 2, noHolidays);
        const expected = addWorkingDays(today, 2, { ...noHolidays, holidays: new Set([holiday]) });
        assert.notEqual(expected, without);

        const play = await server.api<{ id: string }>('POST', '/api/v1/plays', {
          name: 'Holiday-aware follow-up',
          description: 'Call two working days after.',
          subject: 'accounts',
          trigger: { type: 'recurring', recurring: { every: { n: 1, unit: 'months' } } },
          criteria: { kind: 'compare', field: 'name', op: 'eq', value: account.name },
          actions: [
            {
              id: 'call',
              type: 'create_task',
              title: 'Follow up with {{account.name}}',
              description: '<p>Call them.</p>',
              dueInDays: 2,
              flowId: data.flows[0]!.id,
              assignee: { type: 'user', userId: data.me.id },
            },
          ],
        });

        await login(page);
        await page.goto('/settings?tab=working-days');
        await page.getByRole('group', { name: 'Working days' }).waitFor();
        await page.getByRole('textbox', { name: 'Date', exact: true }).fill(shown(holiday));
        await page.getByRole('textbox', { name: 'Holiday name' }).click();
        await page.getByRole('textbox', { name: 'Holiday name' }).fill('Founders’ Day');
        await page.getByRole('button', { name: 'Add holiday' }).click();
        await page
          .getByRole('table', { name: `Holidays in ${ws.settings.holidayCalendar}` })
          .getByText('Founders’ Day')
          .waitFor();
        assert.deepEqual(await seriousA11yViolations(page), []);

        await page.goto(`/plays/${play.id}`);
        await page.getByRole('heading', { name: 'Holiday-aware follow-up' }).waitFor();
        await page
          .getByRole('radiogroup', { name: 'Due in (after firing): unit' })
          .getByText('working days')
          .click();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('Play saved').waitFor();
        const saved = await server.api<{ actions: Array<{ dueUnit?: string }> }>(
          'GET',
          `/api/v1/plays/${play.id}`,
        );
        assert.equal(saved.actions[0]!.dueUnit, 'working_days');

        await server.api('POST', `/api/v1/plays/${play.id}/enable`, { fireNow: false });
        await page.reload();
        await page.getByRole('button', { name: 'Run now…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Run “Holiday-aware follow-up”' });
        await dialog.getByRole('button', { name: 'Run' }).click();
        await page.getByText('1 task created, 0 skipped, 0 errors').waitFor();

        await page.goto(`/accounts/${account.id}`);
        const row = page
          .getByTestId('task-row')
          .filter({ hasText: `Follow up with ${account.name}` });
        await row.waitFor();
        await row.getByText(shown(expected)).waitFor();
        assert.equal(await row.getByText(shown(without)).count(), 0, 'the holiday is skipped');
        assert.deepEqual(errors, []);
      },
    ));
  it('imports pasted dates into a new calendar and gives it to a team', () =>
    withShot(
      () => page,
      'working-days-import',
      async () => {
        const data = await lookups(server);
        await page.goto('/settings?tab=working-days');
        await page.getByRole('textbox', { name: 'New calendar' }).fill('uk');
        await page.getByRole('button', { name: 'Add calendar' }).click();
        const paste = page.getByRole('textbox', { name: 'Import dates' });
        await paste.fill('2027-01-01 New Year\n2027-02-30 Not a day');
        await page.getByText('Line 2: 2027-02-30 is not a date.').waitFor();
        assert.equal(await page.getByRole('button', { name: /^Import/ }).isDisabled(), true);
        await paste.fill('2027-01-01 New Year\n2026-12-28 Christmas (substitute)');
        await page.getByRole('button', { name: 'Import 2 dates' }).click();
        const table = page.getByRole('table', { name: 'Holidays in uk' });
        await table.getByText('Christmas (substitute)').waitFor();
        await table.getByText('New Year').waitFor();

        await page.goto('/settings?tab=teams');
        const team = data.enterprise;
        const choice = page.getByRole('combobox', { name: `Holiday calendar of ${team.name}` });
        await choice.click();
        await page.getByRole('option', { name: 'uk' }).click();
        await waitForInputValue(choice, 'uk');
        const saved = await server.api<{ holidayCalendar: string | null }>(
          'GET',
          `/api/v1/teams/${team.id}`,
        );
        assert.equal(saved.holidayCalendar, 'uk');
        assert.deepEqual(errors, []);
      },
    ));
});
