// The holdout (SPEC §5) as a person sees it: a plain play's editor has the holdout field with its
// one-sentence explanation, and the effectiveness tab compares treated and held-out goal rates.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';
import { lookups } from './fixtures.ts';

type Group = { records: number; reachedGoal: number; rate: number | null };
type Holdout = {
  percent: number;
  treated: Group;
  heldOut: Group;
  lift: number | null;
  tooSmall: boolean;
};

const TAG = 'holdout-e2e-done';

describe('holdout in the browser', () => {
  let server: Server;
  let page: Page;
  let playId: string;
  browserSuite(
    {
      signIn: true,
      setup: async (s) => {
        const data = await lookups(s);
        // Every account without the tag enters when the play is enabled; half are held out.
        const play = await s.api<{ id: string }>('POST', '/api/v1/plays', {
          name: 'Holdout check play',
          description: 'Calls every account, holding half of them out.',
          subject: 'accounts',
          trigger: { type: 'enter' },
          criteria: { kind: 'tags', op: 'has_not', tag: TAG },
          holdoutPercent: 50,
          actions: [
            {
              id: 'call',
              type: 'create_task',
              title: 'Holdout check call',
              description: '<p>Call the account.</p>',
              dueInDays: 3,
              flowId: data.flows[0]!.id,
              assignee: { type: 'user', userId: data.me.id },
            },
          ],
        });
        playId = play.id;
        await s.api('POST', `/api/v1/plays/${playId}/enable`, { fireNow: true });
        // Some accounts get the tag: they leave the criteria, which is the play's goal.
        for (const a of data.accounts.slice(0, 12)) {
          const acc = await s.api<{ version: number; tags: string[] }>(
            'GET',
            `/api/v1/accounts/${a.id}`,
          );
          await s.api('PATCH', `/api/v1/accounts/${a.id}`, {
            version: acc.version,
            tags: [...acc.tags, TAG],
          });
        }
      },
    },
    (s) => {
      ({ server, page } = s);
    },
  );

  it('the effectiveness tab compares treated records with the held-out ones, as the API counts them', () =>
    withShot(
      () => page,
      'holdout effectiveness',
      async () => {
        // Goals are recorded as the engine processes the changes: wait until the API counts them.
        let h: Holdout | undefined;
        for (let i = 0; i < 60; i++) {
          h = (
            await server.api<{ holdout: Holdout }>('GET', `/api/v1/plays/${playId}/effectiveness`)
          ).holdout;
          if (h.treated.reachedGoal + h.heldOut.reachedGoal === 12) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        assert.ok(h && !h.tooSmall, `enough records in both groups: ${JSON.stringify(h)}`);
        assert.equal(h.treated.reachedGoal + h.heldOut.reachedGoal, 12);
        const n = (v: number) => v.toLocaleString('en-US');
        const pct = (g: Group) => `${Math.round((g.reachedGoal / g.records) * 100)}%`;
        const lift = Math.round(h.lift!);
        const points = `${lift > 0 ? '+' : lift < 0 ? '−' : '±'}${Math.abs(lift)} points`;
        const sentence = `Treated: ${pct(h.treated)} reached the goal (n = ${n(h.treated.records)}) · Held out: ${pct(h.heldOut)} (n = ${n(h.heldOut.records)}) · ${points}`;
        await page.goto(`${server.baseUrl}/plays/${playId}?tab=effectiveness`);
        const comparison = page.getByTestId('holdout-comparison');
        await comparison.waitFor();
        assert.equal((await comparison.innerText()).trim(), sentence);
      },
    ));

  it("a plain play's editor shows its holdout share and says what it does", () =>
    withShot(
      () => page,
      'holdout field',
      async () => {
        await page.goto(`${server.baseUrl}/plays/${playId}?tab=setup`);
        const field = page.getByRole('textbox', { name: 'Hold out (% of entering records)' });
        await field.waitFor();
        assert.equal(await field.inputValue(), '50 %');
        await page.getByText(/the same records every time, gets no actions/).waitFor();
      },
    ));

  it('a dry run says which records would be held out, in words', () =>
    withShot(
      () => page,
      'holdout dry run',
      async () => {
        await page.goto(`${server.baseUrl}/plays/${playId}`);
        await page.getByRole('button', { name: 'Dry run' }).click();
        const dialog = page.getByRole('dialog', { name: 'Dry run: what would happen now' });
        const table = dialog.getByRole('table', { name: 'Dry run results' });
        const held = table
          .getByRole('row')
          .filter({ hasText: 'Would be held out: no action, to measure the play against' });
        await held.first().waitFor();
        assert.match(await held.first().innerText(), /Holdout \(no action\)/);
        assert.equal(await table.getByText(/Removed action/).count(), 0);
      },
    ));
});
