import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { testContext, type TestContext } from '../test/harness.ts';
import { seedWorkspace } from '../test/fixtures.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { createMailer } from './mailer.ts';
import { deliverDueMessages, EMAIL_MAX_ATTEMPTS } from './deliver-outbox.ts';
import { startOutboxSender } from './outbox-sender.ts';

type Received = { to: string[]; subject: string; raw: string };

/** A real SMTP server on loopback; mail to bounce@… is refused permanently (550). */
async function smtpReceiver() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      cb(
        address.address.startsWith('bounce@')
          ? Object.assign(new Error('No such user'), { responseCode: 550 })
          : undefined,
      );
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '',
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as net.AddressInfo).port;
  return { received, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('e-mail delivery over SMTP', () => {
  let t: TestContext;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let ws: string;
  before(async () => {
    smtp = await smtpReceiver();
    t = await testContext({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Playmaker <pm@example.test>' },
    });
    ws = (await seedWorkspace(t.deps)).workspace.id;
  });
  after(async () => {
    t.deps.mailer.smtp?.close();
    await t.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await t.deps.db.delete(emailOutbox);
    smtp.received.length = 0;
  });

  const enqueue = (to: string, subject: string) =>
    t.deps.mailer.enqueue(t.deps.db, {
      workspaceId: ws,
      to,
      subject,
      text: `Body of ${subject}`,
      kind: 'test',
    });
  const rows = () => t.deps.db.select().from(emailOutbox).orderBy(emailOutbox.subject);

  it('sends pending rows once, marks them sent, and leaves nothing to claim', async () => {
    await enqueue('ann@example.test', 'One');
    await enqueue('bob@example.test', 'Two');
    assert.deepEqual(
      (await rows()).map((r) => r.status),
      ['pending', 'pending'],
    );
    assert.deepEqual(await deliverDueMessages(t.deps), { claimed: 2, sent: 2 });
    assert.deepEqual(smtp.received.map((m) => [m.to[0], m.subject]).sort(), [
      ['ann@example.test', 'One'],
      ['bob@example.test', 'Two'],
    ]);
    assert.match(smtp.received[0]!.raw, /^From: Playmaker <pm@example.test>/m);
    for (const r of await rows()) {
      assert.equal(r.status, 'sent');
      assert.equal(r.attempts, 1);
      assert.ok(r.sentAt);
      assert.equal(r.claimedAt, null);
    }
    assert.deepEqual(await deliverDueMessages(t.deps), { claimed: 0, sent: 0 });
    assert.equal(smtp.received.length, 2);
  });

  it('sends nothing for a rolled-back transaction', async () => {
    await assert.rejects(
      t.deps.db.transaction(async (tx) => {
        await t.deps.mailer.enqueue(tx, {
          workspaceId: ws,
          to: 'ann@example.test',
          subject: 'Never',
          text: 'x',
          kind: 'test',
        });
        throw new Error('roll back');
      }),
    );
    assert.deepEqual(await deliverDueMessages(t.deps), { claimed: 0, sent: 0 });
    assert.equal(smtp.received.length, 0);
  });

  it("refused permanently (550) is marked failed at once with the server's answer", async () => {
    await enqueue('bounce@example.test', 'Bounced');
    assert.deepEqual(await deliverDueMessages(t.deps), { claimed: 1, sent: 0 });
    const [row] = await rows();
    assert.equal(row!.status, 'failed');
    assert.match(row!.lastError ?? '', /No such user/);
  });

  it('retries an unreachable server on a back-off schedule, then gives up', async () => {
    const down = {
      ...t.deps,
      mailer: createMailer({
        smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
        from: 'pm@example.test',
        clock: t.clock,
      }),
    };
    await enqueue('ann@example.test', 'Later');
    const delays: number[] = [];
    for (let attempt = 1; attempt <= EMAIL_MAX_ATTEMPTS; attempt++) {
      assert.deepEqual(
        await deliverDueMessages(down),
        { claimed: 1, sent: 0 },
        `attempt ${attempt}`,
      );
      const [row] = await rows();
      assert.equal(row!.attempts, attempt);
      assert.match(row!.lastError ?? '', /ECONNREFUSED|connect/i);
      if (attempt < EMAIL_MAX_ATTEMPTS) {
        assert.equal(row!.status, 'pending');
        assert.deepEqual(
          await deliverDueMessages(down),
          { claimed: 0, sent: 0 },
          'not due again before its delay',
        );
        delays.push(row!.nextAttemptAt.getTime() - t.clock.now().getTime());
        t.clock.advanceMs(row!.nextAttemptAt.getTime() - t.clock.now().getTime());
      } else {
        assert.equal(row!.status, 'failed');
      }
    }
    down.mailer.smtp?.close();
    assert.deepEqual(delays, [60_000, 300_000, 1_800_000, 7_200_000]);
    assert.equal(smtp.received.length, 0);
  });

  it('takes over a claim left by a dead worker only once it is stale', async () => {
    await enqueue('ann@example.test', 'Fresh claim');
    await enqueue('bob@example.test', 'Stale claim');
    const now = t.clock.now().getTime();
    await t.deps.db
      .update(emailOutbox)
      .set({ claimedAt: new Date(now - 60_000), attempts: 1 })
      .where(eq(emailOutbox.subject, 'Fresh claim'));
    await t.deps.db
      .update(emailOutbox)
      .set({ claimedAt: new Date(now - 6 * 60_000), attempts: 1 })
      .where(eq(emailOutbox.subject, 'Stale claim'));
    assert.deepEqual(await deliverDueMessages(t.deps), { claimed: 1, sent: 1 });
    assert.deepEqual(
      smtp.received.map((m) => m.subject),
      ['Stale claim'],
    );
    const byStatus = Object.fromEntries(
      (await rows()).map((r) => [r.subject, [r.status, r.attempts]]),
    );
    assert.deepEqual(byStatus, { 'Fresh claim': ['pending', 1], 'Stale claim': ['sent', 2] });
  });

  it('concurrent senders deliver each e-mail exactly once', async () => {
    for (let i = 0; i < 60; i++)
      await enqueue(`user${i}@example.test`, `Mail ${String(i).padStart(2, '0')}`);
    const results = await Promise.all([
      deliverDueMessages(t.deps, 20),
      deliverDueMessages(t.deps, 20),
      deliverDueMessages(t.deps, 20),
      deliverDueMessages(t.deps, 20),
    ]);
    assert.equal(
      results.reduce((s, r) => s + r.claimed, 0),
      60,
    );
    const subjects = smtp.received.map((m) => m.subject).sort();
    assert.equal(subjects.length, 60);
    assert.equal(new Set(subjects).size, 60);
    const [left] = await t.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(emailOutbox)
      .where(eq(emailOutbox.status, 'pending'));
    assert.equal(left!.n, 0);
  });

  it('the background sender picks up new e-mail by itself', async () => {
    const sender = startOutboxSender(
      {
        ...t.deps,
        mailer: createMailer({
          smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
          from: 'pm@example.test',
          clock: t.clock,
        }),
      },
      { idleMs: 20 },
    );
    try {
      await enqueue('ann@example.test', 'Background');
      for (let i = 0; i < 250 && smtp.received.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(
        smtp.received.map((m) => m.subject),
        ['Background'],
      );
    } finally {
      await sender.stop();
    }
    const [row] = await rows();
    assert.equal(row!.status, 'sent');
  });
});

describe('e-mail without SMTP', () => {
  let t: TestContext;
  before(async () => {
    t = await testContext();
  });
  after(() => t.close());

  it('stays in the outbox and is never claimed', async () => {
    const { workspace } = await seedWorkspace(t.deps);
    await t.deps.mailer.enqueue(t.deps.db, {
      workspaceId: workspace.id,
      to: 'ann@example.test',
      subject: 'Kept',
      text: 'x',
      kind: 'test',
    });
    assert.deepEqual(await deliverDueMessages(t.deps), { claimed: 0, sent: 0 });
    const [row] = await t.deps.db.select().from(emailOutbox);
    assert.equal(row!.status, 'outbox');
    assert.equal(row!.attempts, 0);
  });
});

describe('SMS through the gateway', () => {
  let t: TestContext;
  let ws: string;
  const got: Array<{ auth: string | undefined; body: { to: string; text: string } }> = [];
  const gateway = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c) => {
      b += c;
    });
    req.on('end', () => {
      const body = JSON.parse(b) as { to: string; text: string };
      got.push({ auth: req.headers.authorization, body });
      res
        .writeHead(body.to === '+1400' ? 400 : body.to === '+1503' ? 503 : 202)
        .end(body.to === '+1400' ? 'invalid number' : '');
    });
  });
  before(async () => {
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const port = (gateway.address() as net.AddressInfo).port;
    t = await testContext({
      env: { SMS_WEBHOOK_URL: `http://127.0.0.1:${port}/sms`, SMS_WEBHOOK_TOKEN: 'gateway-secret' },
    });
    ws = (await seedWorkspace(t.deps)).workspace.id;
  });
  after(async () => {
    await t.close();
    await new Promise<void>((r) => gateway.close(() => r()));
  });

  it('posts each text once with the token; a 4xx fails it, a 5xx is retried later; e-mail without SMTP stays in the outbox', async () => {
    for (const to of ['+15550100', '+1400', '+1503'])
      await t.deps.mailer.enqueueSms(t.deps.db, {
        workspaceId: ws,
        to,
        text: `Due soon: renewal call (${to})`,
      });
    await t.deps.mailer.enqueue(t.deps.db, {
      workspaceId: ws,
      to: 'ann@example.test',
      subject: 'Kept',
      text: 'x',
      kind: 'test',
    });
    assert.deepEqual(await deliverDueMessages(t.deps), { claimed: 3, sent: 1 });
    assert.deepEqual(got.map((g) => g.body.to).sort(), ['+1400', '+1503', '+15550100']);
    assert.ok(got.every((g) => g.auth === 'Bearer gateway-secret'));
    assert.equal(
      got.find((g) => g.body.to === '+15550100')!.body.text,
      'Due soon: renewal call (+15550100)',
    );
    const rows = Object.fromEntries(
      (await t.deps.db.select().from(emailOutbox)).map((r) => [r.toAddress, [r.kind, r.status]]),
    );
    assert.deepEqual(rows, {
      '+15550100': ['sms', 'sent'],
      '+1400': ['sms', 'failed'],
      '+1503': ['sms', 'pending'],
      'ann@example.test': ['test', 'outbox'],
    });
    t.clock.advanceMs(61_000);
    assert.deepEqual(
      await deliverDueMessages(t.deps),
      { claimed: 1, sent: 0 },
      'only the 503 comes back, after its delay',
    );
  });
});
