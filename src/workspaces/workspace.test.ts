import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';
import { emailOutbox, workspaces } from '../db/schema/index.ts';

describe('workspace settings and outbox', () => {
  let t: TestContext, w: Seeded, w2: Seeded;
  before(async () => ({ t, w, w2 } = await twoWorkspaces()));
  after(() => t.close());

  const call = injectAs(() => t);

  it('anyone signed in reads their own workspace', async () => {
    const res = await call('GET', '/api/v1/workspace', w.tokens.standard);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      id: w.workspace.id,
      name: 'Workspace w1',
      timeZone: 'UTC',
      settings: {
        ownershipPolicy: 'ownership_only',
        forceTaskEmails: false,
        aiText: false,
        workingDays: [1, 2, 3, 4, 5],
        holidayCalendar: 'default',
      },
    });
  });

  it('admins change name, time zone and settings; invalid zones are refused', async () => {
    const res = await call('PATCH', '/api/v1/workspace', w.tokens.admin, {
      name: 'Acme CS',
      timeZone: 'america/los_angeles',
      settings: { forceTaskEmails: true },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().timeZone, 'America/Los_Angeles');
    assert.deepEqual(res.json().settings, {
      ownershipPolicy: 'ownership_only',
      forceTaskEmails: true,
      aiText: false,
      workingDays: [1, 2, 3, 4, 5],
      holidayCalendar: 'default',
    });
    for (const timeZone of ['Nowhere/Special', '+02:00', '', 'UTC; drop table users']) {
      const bad = await call('PATCH', '/api/v1/workspace', w.tokens.admin, { timeZone });
      assert.equal(bad.statusCode, 400, timeZone);
      assert.equal(bad.json().error.details[0].path, 'body.timeZone');
    }
    assert.equal(
      (
        await call('PATCH', '/api/v1/workspace', w.tokens.admin, {
          settings: { ownershipPolicy: 'everything' },
        })
      ).statusCode,
      400,
    );
    const [row] = await t.deps.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, w.workspace.id));
    assert.equal(row!.timeZone, 'America/Los_Angeles');
    const other = (await call('GET', '/api/v1/workspace', w2.tokens.admin)).json();
    assert.equal(other.name, 'Workspace w2', 'another workspace is untouched');
  });

  it('advanced users may change only the ownership policy; standard users nothing', async () => {
    const ok = await call('PATCH', '/api/v1/workspace', w.tokens.advanced, {
      settings: { ownershipPolicy: 'reassign_except_manual' },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().settings.ownershipPolicy, 'reassign_except_manual');
    assert.equal(ok.json().settings.forceTaskEmails, true, 'partial settings keep the rest');
    for (const body of [
      { name: 'Mine' },
      { timeZone: 'UTC' },
      { settings: { aiText: true } },
      { settings: { forceTaskEmails: false, ownershipPolicy: 'reassign_all' } },
    ]) {
      const res = await call('PATCH', '/api/v1/workspace', w.tokens.advanced, body);
      assert.equal(res.statusCode, 403, JSON.stringify(body));
      assert.equal(res.json().error.code, 'forbidden');
    }
    const std = await call('PATCH', '/api/v1/workspace', w.tokens.standard, {
      settings: { ownershipPolicy: 'reassign_all' },
    });
    assert.equal(std.statusCode, 403);
    const now = (await call('GET', '/api/v1/workspace', w.tokens.standard)).json();
    assert.deepEqual(now.settings, {
      ownershipPolicy: 'reassign_except_manual',
      forceTaskEmails: true,
      aiText: false,
      workingDays: [1, 2, 3, 4, 5],
      holidayCalendar: 'default',
    });
    assert.equal(now.name, 'Acme CS');
  });

  it('the outbox is admin-only, newest first, paged, and per workspace', async () => {
    for (let i = 0; i < 5; i++) {
      await t.deps.mailer.enqueue(t.deps.db, {
        workspaceId: w.workspace.id,
        to: `u${i}@x.test`,
        subject: `Mail ${i}`,
        text: 'hi',
        kind: 'test',
      });
    }
    await t.deps.mailer.enqueue(t.deps.db, {
      workspaceId: w2.workspace.id,
      to: 'other@x.test',
      subject: 'Other',
      text: 'hi',
      kind: 'test',
    });
    for (const token of [w.tokens.standard, w.tokens.advanced]) {
      const res = await call('GET', '/api/v1/outbox', token);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'forbidden');
    }
    const subjects: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { subject: string; status: string }[]; nextCursor: string | null } = (
        await call(
          'GET',
          `/api/v1/outbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          w.tokens.admin,
        )
      ).json();
      subjects.push(...page.data.map((m) => m.subject));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(subjects.length, 5);
    // Rows inserted in one burst may share a timestamp; all five arrive once each, no other workspace's.
    assert.deepEqual([...subjects].sort(), ['Mail 0', 'Mail 1', 'Mail 2', 'Mail 3', 'Mail 4']);
    const first = (await call('GET', '/api/v1/outbox?limit=1', w.tokens.admin)).json().data[0];
    assert.equal(first.status, 'outbox');
    await t.deps.db
      .update(emailOutbox)
      .set({ createdAt: new Date('2030-01-01T00:00:00Z') })
      .where(eq(emailOutbox.subject, 'Mail 0'));
    assert.equal(
      (await call('GET', '/api/v1/outbox?limit=1', w.tokens.admin)).json().data[0].subject,
      'Mail 0',
    );
    assert.equal((await call('GET', '/api/v1/outbox?cursor=abc', w.tokens.admin)).statusCode, 400);
  });
});
