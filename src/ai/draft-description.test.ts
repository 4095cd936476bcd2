// "Draft with AI" against a loopback server speaking the OpenAI chat-completions protocol: off until the
// workspace turns it on, only for accounts the caller sees, facts by label, output sanitized.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { accounts, attributeDefinitions } from '../db/schema/index.ts';

type Seen = {
  auth: string | undefined;
  body: { model: string; messages: Array<{ role: string; content: string }> };
};

/** A chat-completions server: answers with `reply.content`, or fails with `reply.status`. */
async function fakeModelServer() {
  const seen: Seen[] = [];
  const reply = { status: 200, content: '' };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      seen.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
      if (reply.status !== 200) {
        res
          .writeHead(reply.status, { 'content-type': 'application/json' })
          .end('{"error":{"message":"overloaded"}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          model: 'llama3',
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: { role: 'assistant', content: reply.content },
            },
          ],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    seen,
    reply,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('Draft with AI', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let model: Awaited<ReturnType<typeof fakeModelServer>>;
  before(async () => {
    model = await fakeModelServer();
    t = await testContext({
      env: {
        PLAYMAKER_AI_URL: model.url,
        PLAYMAKER_AI_MODEL: 'llama3',
        PLAYMAKER_AI_KEY: 'sk-loopback',
      },
    });
    w = await seedWorkspace(t.deps);
    await t.deps.db.insert(attributeDefinitions).values({
      workspaceId: w.workspace.id,
      entity: 'account',
      key: 'health_score',
      label: 'Health score',
      type: 'number',
    });
    await t.deps.db
      .update(accounts)
      .set({ attributes: { health_score: 41 }, lifecycleStage: 'Renewal' })
      .where(eq(accounts.id, w.acmeA.id));
  });
  after(async () => {
    await t.close();
    await model.close();
  });

  const draft = (token: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/ai/description-drafts',
      headers: bearer(token),
      payload,
    });
  const status = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/ai/status', headers: bearer(token) });

  it('is off until an admin turns AI text on, and then calls nothing', async () => {
    assert.deepEqual((await status(w.tokens.standard)).json(), {
      available: false,
      reason: 'AI text generation is off for this workspace (Settings → General).',
    });
    const off = await draft(w.tokens.standard, {
      accountId: w.acmeA.id,
      title: 'Prepare the renewal call',
    });
    assert.equal(off.statusCode, 503);
    assert.equal(off.json().error.code, 'ai_unavailable');
    assert.equal(model.seen.length, 0);
    const on = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: bearer(w.tokens.admin),
      payload: { settings: { aiText: true } },
    });
    assert.equal(on.statusCode, 200, on.body);
    assert.deepEqual((await status(w.tokens.standard)).json(), { available: true, reason: null });
  });

  it("proposes sanitized text from the account's facts (labels, not keys) and the title", async () => {
    model.reply.content =
      '```html\n<p onclick="steal()">Acme\'s health score is 41 ahead of renewal.</p><script>alert(1)</script><ul><li><a href="javascript:alert(1)">Review usage</a></li><li>Agree a plan</li></ul>\n```';
    const res = await draft(w.tokens.standard, {
      accountId: w.acmeA.id,
      title: 'Prepare the renewal call',
    });
    assert.equal(res.statusCode, 200, res.body);
    const html: string = res.json().description;
    assert.match(html, /health score is 41/);
    assert.match(html, /<li>Agree a plan<\/li>/);
    assert.doesNotMatch(html, /script|onclick|javascript:|```/);
    const call = model.seen.at(-1)!;
    assert.equal(call.auth, 'Bearer sk-loopback');
    assert.equal(call.body.model, 'llama3');
    const facts = call.body.messages.find((m) => m.role === 'user')!.content;
    assert.match(facts, /Task title: Prepare the renewal call/);
    assert.match(facts, /Account: Acme/);
    assert.match(facts, /Health score: 41/);
    assert.doesNotMatch(facts, /health_score/);
  });

  it("answers 404 for an account outside the caller's teams without asking the model", async () => {
    const before = model.seen.length;
    const res = await draft(w.tokens.standard, { accountId: w.betaB.id, title: 'Anything' });
    assert.equal(res.statusCode, 404);
    assert.equal(model.seen.length, before);
  });

  it('turns a failing or empty model answer into one clear error, and refuses bad input', async () => {
    model.reply.status = 500;
    const failed = await draft(w.tokens.standard, {
      accountId: w.acmeA.id,
      title: 'Prepare the renewal call',
    });
    assert.equal(failed.statusCode, 503);
    assert.match(failed.json().error.message, /AI service did not answer usefully \(HTTP 500\)/);
    model.reply.status = 200;
    model.reply.content = '<script>only()</script>';
    assert.equal(
      (await draft(w.tokens.standard, { accountId: w.acmeA.id, title: 'x' })).statusCode,
      422,
    );
    const bad = await draft(w.tokens.standard, { accountId: w.acmeA.id, title: '' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details[0].path, 'body.title');
  });
});
