// Record-level access (ASVS 8.2.2): a play's dry run and run results show an advanced user only their teams' records.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { accounts, accountTeams, contacts } from '../db/schema/index.ts';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

describe("play dry runs and run results hide accounts outside the caller's teams", () => {
  let p: PlayWorld;
  /** Ids and names of team B's records: none may appear in what the team-A advanced user gets. */
  const secrets: string[] = [];
  before(async () => {
    p = await playWorld();
    const db = p.t.deps.db;
    await db
      .update(accounts)
      .set({ name: 'Hidden Beta Corp', attributes: { health: 'red' }, parentId: p.w.acmeA.id })
      .where(eq(accounts.id, p.w.betaB.id));
    await db
      .update(accounts)
      .set({ attributes: { health: 'red' } })
      .where(eq(accounts.id, p.w.acmeA.id));
    // A team-A child of team B's account: its hierarchy task would go on the invisible parent.
    const children = await db
      .insert(accounts)
      .values([
        {
          workspaceId: p.ws,
          externalId: 'child-a',
          name: 'Visible Child',
          parentId: p.w.betaB.id,
          attributes: { health: 'red' },
        },
        {
          workspaceId: p.ws,
          externalId: 'child-b',
          name: 'Visible Child of Acme',
          parentId: p.w.acmeA.id,
          attributes: { health: 'red' },
        },
      ])
      .returning();
    await db
      .insert(accountTeams)
      .values(children.map((c) => ({ workspaceId: p.ws, accountId: c.id, teamId: p.w.teamA.id })));
    const [, hidden] = await db
      .insert(contacts)
      .values([
        {
          workspaceId: p.ws,
          accountId: p.w.acmeA.id,
          externalId: 'ca',
          firstName: 'Vera',
          lastName: 'Visible',
          attributes: { nps: 2 },
        },
        {
          workspaceId: p.ws,
          accountId: p.w.betaB.id,
          externalId: 'cb',
          firstName: 'Hugo',
          lastName: 'Hiddenperson',
          attributes: { nps: 2 },
        },
      ])
      .returning();
    secrets.push(p.w.betaB.id, 'Hidden Beta Corp', hidden!.id, 'Hiddenperson');
  });
  after(() => p.close());

  const api = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await p.t.app.inject({
      method,
      url,
      headers: bearer(token),
      ...(payload ? { payload } : {}),
    });
    assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`);
    return res.body;
  };
  const task = {
    id: 'call',
    type: 'create_task',
    title: 'Call {{account.name}}',
    description: 'Hi {{account.name}}',
    dueInDays: 2,
    flowId: '',
    assignee: { type: 'user', userId: '' },
  };
  const plays = () => ({
    accounts: { criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' } },
    hierarchy: {
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
      options: { hierarchy: { mode: 'one_per_child' }, contactGrouping: 'per_contact' },
    },
    contacts: {
      subject: 'contacts',
      criteria: { kind: 'compare', field: 'attributes.nps', op: 'eq', value: 2 },
    },
  });

  for (const [label, over] of Object.entries(plays())) {
    it(`${label} play: the dry run and the run results list only the caller's teams' records, and say how many were hidden`, async () => {
      const advanced = p.w.tokens.advanced;
      const action = {
        ...task,
        flowId: p.w.flow.id,
        assignee: { type: 'user', userId: p.w.users.standard.id },
      };
      const created = JSON.parse(
        await p.t.app
          .inject({
            method: 'POST',
            url: '/api/v1/plays',
            headers: bearer(advanced),
            payload: {
              name: `Leak check ${label}`,
              description: 'x',
              subject: 'accounts',
              trigger: { type: 'enter' },
              actions: [action],
              ...over,
            },
          })
          .then((r) => r.body),
      );
      assert.ok(created.id, JSON.stringify(created));

      const dry = await api(advanced, 'POST', `/api/v1/plays/${created.id}/dry-run`);
      for (const s of secrets) assert.ok(!dry.includes(s), `the dry run leaks ${s}: ${dry}`);
      assert.ok(JSON.parse(dry).hiddenRecords > 0, dry);
      assert.ok(JSON.parse(dry).data.length > 0, `the caller's own records are listed: ${dry}`);
      const asAdmin = await api(p.w.tokens.admin, 'POST', `/api/v1/plays/${created.id}/dry-run`);
      assert.ok(
        secrets.some((s) => asAdmin.includes(s)),
        `an admin sees every record: ${asAdmin}`,
      );

      await api(advanced, 'POST', `/api/v1/plays/${created.id}/enable`, { fireNow: true });
      const runs = JSON.parse(await api(advanced, 'GET', `/api/v1/plays/${created.id}/runs`)) as {
        data: Array<{ id: string; kind: string }>;
      };
      const run = runs.data.find((r) => r.kind === 'enable')!;
      const results = await api(
        advanced,
        'GET',
        `/api/v1/plays/${created.id}/runs/${run.id}/results`,
      );
      for (const s of secrets)
        assert.ok(!results.includes(s), `the run results leak ${s}: ${results}`);
      assert.ok(JSON.parse(results).hiddenRecords > 0, results);
      assert.ok(
        JSON.parse(results).data.length > 0,
        `the caller's own records are listed: ${results}`,
      );
      if (label === 'hierarchy') {
        const rows = (
          JSON.parse(results).data as Array<{
            recordName: string;
            accountName: string;
            result: string;
          }>
        ).map((r) => [r.recordName, r.accountName, r.result]);
        assert.deepEqual(
          rows.sort(),
          [
            ['Acme', 'Acme', 'skipped'],
            ['Visible Child of Acme', 'Acme', 'created'],
          ],
          'a child is named by itself; its task went on the parent',
        );
      }
    });
  }
});
