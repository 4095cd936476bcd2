// The dry run of a journey play in the browser (issue 11 item 7): a person opens a call-the-lead
// journey and presses Dry run; each lead's path reads in words — the call task it would get, then
// the wait for the call, where it waits from now on — at 1366 and 390 px, axe clean.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, login, seriousA11yViolations, withShot, type Server } from './harness.ts';
import { lookups } from './fixtures.ts';

describe('the dry run of a journey in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  it("shows a lead's path in words and where it waits from now on", () =>
    withShot(
      () => page,
      'journey-dry-run',
      async () => {
        const marker = `lead-${Date.now().toString(36)}`;
        const { flows, me, accounts } = await lookups(server);
        const lead = (
          await server.api<{
            data: Array<{ id: string; firstName: string; version: number; tags: string[] }>;
          }>('GET', `/api/v1/accounts/${accounts[1]!.id}/contacts`)
        ).data[0]!;
        await server.api('PATCH', `/api/v1/contacts/${lead.id}`, {
          tags: [...lead.tags, marker],
          version: lead.version,
        });
        const play = await server.api<{ id: string }>('POST', '/api/v1/plays', {
          name: `Call the lead ${marker}`,
          description: 'Call every new lead; the outcome decides what follows',
          subject: 'contacts',
          trigger: { type: 'enter' },
          criteria: { kind: 'tags', op: 'has', tag: marker },
          actions: [],
          steps: [
            {
              id: 'call',
              name: 'Call the lead',
              type: 'action',
              action: {
                type: 'create_task',
                title: 'Call {{contact.first_name}}',
                description: 'See the lead record',
                dueInDays: 1,
                flowId: flows[0]!.id,
                assignee: { type: 'user', userId: me.id },
                outcomes: ['Interested', 'Not interested'],
              },
            },
            {
              id: 'answer',
              type: 'wait_until',
              until: { kind: 'task_completed', stepId: 'call' },
              limit: { n: 14, unit: 'days' },
              onTimeout: [],
            },
            {
              id: 'outcome',
              name: 'What they said',
              type: 'branch',
              paths: [
                {
                  id: 'yes',
                  label: 'Interested',
                  when: { kind: 'task_completed', stepId: 'call', outcomes: ['Interested'] },
                  steps: [
                    { id: 'tag-yes', type: 'action', action: { type: 'add_tag', tag: 'hot' } },
                  ],
                },
              ],
              otherwise: [],
            },
          ],
        });

        await login(page);
        await page.goto(`/plays/${play.id}`);
        await page.getByRole('button', { name: 'Dry run' }).click();
        const dialog = page.getByRole('dialog', { name: 'Dry run: what would happen now' });
        const path = dialog.getByRole('region', { name: new RegExp(`^Path of ${lead.firstName}`) });
        await path.waitFor();
        const steps = await path.getByRole('listitem').allInnerTexts();
        assert.equal(steps.length, 2, steps.join('\n'));
        assert.match(
          steps[0]!,
          new RegExp(
            `^Creates the task "Call ${lead.firstName}" for ${me.name}, due \\d{4}-\\d{2}-\\d{2}$`,
          ),
        );
        assert.match(
          steps[1]!,
          /^Waits until "Call the lead" is completed, at most until \d{4}-\d{2}-\d{2}; then "What they said"; if time runs out, "What they said"\n+Waits here from now on$/,
        );
        for (const width of [1366, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await page.waitForTimeout(300);
          const found = await seriousA11yViolations(page);
          assert.deepEqual(found, [], `dry run at ${width} px:\n${found.join('\n')}`);
        }
        // At 390 px the path fits the screen: no sideways scrolling.
        const box = await path.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
        assert.deepEqual(errors, []);
      },
    ));
});
