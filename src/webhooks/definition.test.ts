import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSecretBox } from '../crypto/secret-box.ts';
import { credentialHeader, prepareWebhookForStorage, publicWebhook } from './definition.ts';
import { egressPolicy } from './egress-guard.ts';
import { closeWebhookAgents, sendHttp } from './http-send.ts';
import { renderWebhookRequest } from './render-request.ts';
import { parseRetryAfter, nextAttemptDelay } from './retry-policy.ts';

const box = createSecretBox(Buffer.alloc(32, 3));
const problems = (input: unknown) => {
  try {
    prepareWebhookForStorage(input, box);
    return [];
  } catch (err) {
    return (err as { details: Array<{ path: string; message: string }> }).details;
  }
};
const base = {
  name: 'w',
  urlTemplate: 'https://api.example.com/{{account.external_id}}',
  headers: [],
};

describe('webhook definitions', () => {
  it('validates templates, header names and bodies at save time with field paths', () => {
    assert.deepEqual(problems(base), []);
    assert.equal(
      problems({ ...base, urlTemplate: 'https://x.test/{{{account.name}}}' })[0]?.path,
      'webhook.urlTemplate',
    );
    assert.equal(
      problems({ ...base, headers: [{ name: 'X-Ok', valueTemplate: '{{#a}}{{/a}}' }] })[0]?.path,
      'webhook.headers.0.valueTemplate',
    );
    assert.equal(
      problems({ ...base, headers: [{ name: 'bad header', valueTemplate: 'x' }] })[0]?.path,
      'webhook.headers.0.name',
    );
    assert.equal(
      problems({ ...base, headers: [{ name: 'Webhook-Signature', valueTemplate: 'x' }] })[0]?.path,
      'webhook.headers.0.name',
    );
    assert.equal(
      problems({ ...base, bodyTemplate: '{"a": {{account.name}}' })[0]?.path,
      'webhook.bodyTemplate',
    );
    assert.equal(
      problems({ ...base, method: 'GET', bodyTemplate: '{}' })[0]?.path,
      'webhook.bodyTemplate',
    );
    assert.equal(
      problems({
        ...base,
        auth: { type: 'token', value: 'x' },
        headers: [{ name: 'authorization', valueTemplate: 'y' }],
      })[0]?.path,
      'webhook.headers.0.name',
    );
    assert.equal(
      problems({ ...base, auth: { type: 'basic', username: 'a:b', password: 'p' } })[0]?.path,
      'webhook.auth.username',
    );
  });

  it('encrypts credentials, keeps them when an edit omits auth, removes them with null, and never shows them', () => {
    const stored = prepareWebhookForStorage(
      { ...base, auth: { type: 'basic', username: 'svc', password: 'pw-123' } },
      box,
    );
    assert.ok(
      !JSON.stringify(stored).includes('pw-123') && !JSON.stringify(stored).includes('"svc"'),
    );
    assert.deepEqual(credentialHeader(stored.auth!, box), [
      'Authorization',
      `Basic ${Buffer.from('svc:pw-123').toString('base64')}`,
    ]);
    const kept = prepareWebhookForStorage({ ...base, name: 'renamed' }, box, { previous: stored });
    assert.deepEqual(kept.auth, stored.auth);
    assert.equal(
      prepareWebhookForStorage({ ...base, auth: null }, box, { previous: stored }).auth,
      null,
    );
    assert.deepEqual(publicWebhook(kept), {
      name: 'renamed',
      method: 'POST',
      urlTemplate: base.urlTemplate,
      headers: [],
      hasCredentials: true,
      authType: 'basic',
      authHeader: null,
    });
  });

  it('renders URL, headers and JSON body per target, adding the JSON content type', () => {
    const stored = prepareWebhookForStorage(
      {
        ...base,
        headers: [{ name: 'X-Name', valueTemplate: '{{account.name}}' }],
        bodyTemplate: '{"n": {{account.name}}}',
      },
      box,
    );
    const r = renderWebhookRequest(stored, {
      account: { external_id: 'a b/c', name: 'Evil\r\nX-Other: 1' },
    });
    assert.equal(r.url, 'https://api.example.com/a%20b%2Fc');
    assert.deepEqual(r.headers, [
      ['X-Name', 'EvilX-Other: 1'],
      ['content-type', 'application/json'],
    ]);
    assert.deepEqual(JSON.parse(r.body!), { n: 'Evil\r\nX-Other: 1' });
  });

  it('reads Retry-After as seconds or an HTTP date, and lets a longer one win', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120);
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 09:05:00 GMT', now), 300);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(nextAttemptDelay([0, 15, 60], 1, null), 15);
    assert.equal(nextAttemptDelay([0, 15, 60], 1, 120), 120);
    assert.equal(nextAttemptDelay([0, 15, 60], 1, 5), 15);
    assert.equal(nextAttemptDelay([0, 15, 60], 3, null), null);
  });

  describe('total timeout', () => {
    let server: http.Server;
    before(async () => {
      // Accepts the request and never answers.
      server = http.createServer(() => undefined);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    });
    after(() => {
      closeWebhookAgents();
      server.closeAllConnections();
      server.close();
    });
    it('gives up after the timeout', async () => {
      const port = (server.address() as AddressInfo).port;
      await assert.rejects(
        sendHttp(
          {
            method: 'POST',
            url: `http://127.0.0.1:${port}/`,
            headers: [],
            body: '{}',
            timeoutMs: 300,
          },
          egressPolicy(['127.0.0.1']),
        ),
        /timed out after 300 ms/,
      );
    });
  });
});
