// A 10,000-record journey with a wait and a branch across worker processes, one SIGKILLed while it
// holds an open advance batch and replaced: every step ran exactly once per record, nothing lost.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { attributeDefinitions } from '../../db/schema/index.ts';
import { queryRows } from '../../db/rows.ts';
import { bearer, seedWorkspace } from '../../test/fixtures.ts';
import {
  accountRows,
  assertCleanLogs,
  countOf,
  killBusyWorker,
  processBed,
  startWorker,
  startWorkers,
  waitUntil,
  type ProcessBedWithApi,
} from '../../test/processes.ts';
import { advanceJourneysJob } from './jobs.ts';

const ACCOUNTS = 10_000;
const skip = process.env.TEST_DATABASE_URL
  ? false
  : 'needs TEST_DATABASE_URL: several worker processes share one PostgreSQL database (PGlite is one process)';

describe('journeys across worker processes', { skip }, () => {
  let bed: ProcessBedWithApi;
  before(async () => {
    bed = await processBed('journey-workers', { api: true });
  });
  after(() => bed?.close());

  it(
    '4 workers, one SIGKILLed mid-advance and replaced: each step once per record',
    { timeout: 420_000 },
    async (t) => {
      const { deps, app, processes: workers } = bed;
      const w = await seedWorkspace(deps);
      await deps.db.insert(attributeDefinitions).values([
        {
          workspaceId: w.workspace.id,
          entity: 'account',
          key: 'health',
          label: 'Health',
          type: 'text',
        },
        {
          workspaceId: w.workspace.id,
          entity: 'account',
          key: 'arr',
          label: 'ARR',
          type: 'number',
        },
      ]);
      const call = (method: 'POST', url: string, token: string, payload: object) =>
        app.inject({ method, url, headers: bearer(token), payload });
      const created = await call('POST', '/api/v1/plays', w.tokens.advanced, {
        name: 'Welcome and sort',
        description: 'A welcome task, an hour later big and small accounts go different ways',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'new' },
        actions: [],
        steps: [
          {
            id: 'welcome',
            type: 'action',
            action: {
              type: 'create_task',
              title: 'Welcome {{account.name}}',
              description: 'Say hello',
              dueInDays: 2,
              flowId: w.flow.id,
              assignee: { type: 'user', userId: w.users.standard.id },
            },
          },
          { id: 'hour', type: 'wait', duration: { n: 1, unit: 'hours' } },
          {
            id: 'size',
            type: 'branch',
            paths: [
              {
                id: 'big',
                label: 'Big',
                when: {
                  kind: 'criteria',
                  criteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 50 },
                },
                steps: [{ id: 'tag-big', type: 'action', action: { type: 'add_tag', tag: 'big' } }],
              },
            ],
            otherwise: [
              { id: 'tag-small', type: 'action', action: { type: 'add_tag', tag: 'small' } },
            ],
          },
        ],
      });
      assert.equal(created.statusCode, 201, created.body);
      const playId = created.json().id as string;
      const enabled = await call('POST', `/api/v1/plays/${playId}/enable`, w.tokens.advanced, {
        fireNow: false,
      });
      assert.equal(enabled.statusCode, 200, enabled.body);

      await startWorkers(4, bed.url, bed.dataDir, { track: workers });
      const rows = [
        ...accountRows(ACCOUNTS / 2, 'small', { health: 'new', arr: 10 }),
        ...accountRows(ACCOUNTS / 2, 'big', { health: 'new', arr: 90 }),
      ];
      for (let i = 0; i < rows.length; i += 5000) {
        const bulk = await call('POST', '/api/v1/accounts/bulk', w.tokens.admin, {
          rows: rows.slice(i, i + 5000),
        });
        assert.equal(bulk.statusCode, 200, bulk.body);
      }
      const journeysWaiting = sql`select count(*)::int as n from journeys where play_id = ${playId}::uuid and step_id = 'hour' and wake_at is not null`;
      await waitUntil(
        'every record to enter and wait',
        180_000,
        async () => (await countOf(deps.db, journeysWaiting)) === ACCOUNTS,
      );
      // The hour passes while the journeys wait (as after a stop or a clock jump): their wake-ups are now due.
      await deps.db.execute(sql`update journeys set wake_at = now() - interval '1 second',
          waiting_for = jsonb_set(waiting_for, '{until}', to_jsonb(to_char((now() - interval '1 second') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        where play_id = ${playId}::uuid and step_id = 'hour'`);
      await deps.queue.send(advanceJourneysJob, {});

      // Mid-advance: kill a worker holding an uncommitted batch.
      const done = sql`select count(*)::int as n from journey_steps where play_id = ${playId}::uuid and step_id = 'size'`;
      let before = 0;
      const victim = await killBusyWorker(deps.db, workers, {
        what: 'a worker holding an open advance batch',
        statement: '%journey%',
        ready: async () => {
          before = await countOf(deps.db, done);
          if (before >= ACCOUNTS) throw new Error('the advance finished before a kill');
          return true;
        },
      });
      await startWorker(bed.url, bed.dataDir, 'replacement', undefined, workers);
      await deps.queue.send(advanceJourneysJob, {});

      const ended = sql`select count(*)::int as n from journeys where play_id = ${playId}::uuid and ended_at is not null`;
      await waitUntil(
        'every journey to end',
        240_000,
        async () => (await countOf(deps.db, ended)) === ACCOUNTS,
      );
      t.diagnostic(
        `killed worker ${victim} mid-advance when ${before} of ${ACCOUNTS} branches had run`,
      );
      const steps = await queryRows<{ step_id: string; n: number; records: number }>(
        deps.db,
        sql`select step_id, count(*)::int as n, count(distinct journey_id)::int as records
          from journey_steps where play_id = ${playId}::uuid group by step_id order by step_id`,
      );
      assert.deepEqual(
        steps.map((s) => [s.step_id, s.n, s.records]),
        [
          ['hour', ACCOUNTS, ACCOUNTS],
          ['size', ACCOUNTS, ACCOUNTS],
          ['tag-big', ACCOUNTS / 2, ACCOUNTS / 2],
          ['tag-small', ACCOUNTS / 2, ACCOUNTS / 2],
          ['welcome', ACCOUNTS, ACCOUNTS],
        ],
      );
      const [tags] = await queryRows<{ big: number; small: number; tasks: number }>(
        deps.db,
        sql`select count(*) filter (where tags = '{big}' and external_id like 'big-%')::int as big,
            count(*) filter (where tags = '{small}' and external_id like 'small-%')::int as small,
            (select count(*)::int from tasks where play_id = ${playId}::uuid) as tasks
          from accounts where workspace_id = ${w.workspace.id}::uuid`,
      );
      assert.deepEqual(tags, { big: ACCOUNTS / 2, small: ACCOUNTS / 2, tasks: ACCOUNTS });
      assertCleanLogs(workers, /\[(plays|journeys)\] .*failed/);
    },
  );
});
