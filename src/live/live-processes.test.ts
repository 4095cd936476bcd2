// Live updates across processes (PostgreSQL): a tab connected to API process A receives a change made
// through API process B and the run (play_run fired) of a worker process's play that created a task
// from it, and the `feed` event of the task's assignment written by that worker; a user of another team
// connected to A receives none of them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  freePort,
  processBed,
  seedWithHealth,
  startPlaymaker,
  startWorker,
  type ProcessBed,
} from '../test/processes.ts';
import { bearer } from '../test/fixtures.ts';
import { changeOf, openSse, type SseReader } from './test-sse.ts';

const skip = process.env.TEST_DATABASE_URL
  ? false
  : 'needs TEST_DATABASE_URL: several processes share one PostgreSQL (PGlite is one process)';

describe('live updates across API and worker processes', { skip }, () => {
  let bed: ProcessBed;
  const streams: SseReader[] = [];

  before(async () => {
    bed = await processBed('live-processes');
  });
  after(async () => {
    for (const s of streams) s.close();
    await bed?.close();
  });

  it('a tab on process A gets a change made through process B and the task a worker creates from it', async () => {
    const { deps, dataDir, processes } = bed;
    const w = await seedWithHealth(deps);
    const ports = [await freePort(), await freePort()];
    await Promise.all([
      ...ports.map((port, i) =>
        startPlaymaker('serve', ['--no-worker'], {
          url: bed.url,
          dataDir,
          label: `api${i}`,
          ready: 'Playmaker is running at',
          env: { PORT: String(port), HOST: '127.0.0.1', PLAYMAKER_SEED: 'none' },
          track: processes,
        }),
      ),
      startWorker(bed.url, dataDir, 'w0', undefined, processes),
    ]);
    const base = (i: number) => `http://127.0.0.1:${ports[i]}`;
    const call = async (i: number, method: string, url: string, token: string, body?: object) => {
      const res = await fetch(`${base(i)}${url}`, {
        method,
        headers: { ...bearer(token), 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      assert.ok(res.ok, `${method} ${url} → ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const play = await call(1, 'POST', '/api/v1/plays', w.tokens.advanced, {
      name: 'Red accounts',
      description: 'Call them',
      subject: 'accounts',
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: 'Call {{account.name}}',
          description: 'Health is red',
          dueInDays: 2,
          flowId: w.flow.id,
          assignee: { type: 'user', userId: w.users.standard.id },
        },
      ],
    });
    await call(0, 'POST', `/api/v1/plays/${play.id}/enable`, w.tokens.advanced, {
      fireNow: false,
    });

    const open = async (token: string) => {
      const s = await openSse(`${base(0)}/api/v1/live`, bearer(token));
      streams.push(s);
      assert.equal(s.status, 200);
      await s.waitFor((e) => e.event === 'ready');
      return s;
    };
    const teamA = await open(w.tokens.standard);
    const teamB = await open(w.tokens.standardB);

    const account = await call(1, 'GET', `/api/v1/accounts/${w.acmeA.id}`, w.tokens.admin);
    await call(1, 'PATCH', `/api/v1/accounts/${w.acmeA.id}`, w.tokens.admin, {
      version: account.version,
      attributes: { health: 'red' },
    });
    // Made through B, seen on A.
    await teamA.waitFor(changeOf('account', w.acmeA.id, 'updated'), 10_000);
    // The worker's play run created the task: its run's change event reaches A once the task is committed.
    await teamA.waitFor(changeOf('play_run', w.acmeA.id, 'fired'), 10_000);
    const tasks = await call(0, 'GET', `/api/v1/accounts/${w.acmeA.id}/work`, w.tokens.standard);
    assert.deepEqual(
      (tasks.data as { title: string }[]).map((t) => t.title),
      ['Call Acme'],
      'the task is there when the tab refetches',
    );
    // The worker's feed item (the task assigned to Sam) reaches Sam's tab on A; the count A answers matches.
    await teamA.waitFor((e) => e.event === 'feed', 10_000);
    const feed = await call(0, 'GET', '/api/v1/feed/unread-count', w.tokens.standard);
    assert.equal(feed.unread, 1);

    // Team B's own change, through B, arrives on A; nothing about team A's account came before it.
    const beta = await call(1, 'GET', `/api/v1/accounts/${w.betaB.id}`, w.tokens.admin);
    await call(1, 'PATCH', `/api/v1/accounts/${w.betaB.id}`, w.tokens.admin, {
      version: beta.version,
      name: 'Beta renamed',
    });
    await teamB.waitFor(changeOf('account', w.betaB.id), 10_000);
    assert.ok(
      !teamB.events.some((e) => JSON.stringify(e.data).includes(w.acmeA.id)),
      `team B saw team A's account: ${JSON.stringify(teamB.events)}`,
    );
    assert.ok(
      !teamB.events.some((e) => e.event === 'feed'),
      `team B was told of Sam's feed: ${JSON.stringify(teamB.events)}`,
    );
  });
});
