// Review check on uploads: a cookie session must send the CSRF token on multipart writes too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { PASSWORD, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { attachments } from '../db/schema/index.ts';

describe('attachments review', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  it('refuses a cookie-authenticated upload without the CSRF header, and stores nothing', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'standard@w1.test', password: PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'pm_session')!.value;
    const csrf = login.json().csrfToken as string;
    const boundary = '----pmreview';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
    );
    const send = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
        cookies: { pm_session: cookie },
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
        payload,
      });
    const refused = await send({});
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'csrf_failed');
    assert.equal((await t.deps.db.select().from(attachments)).length, 0);
    const accepted = await send({ 'x-csrf-token': csrf });
    assert.equal(accepted.statusCode, 201, accepted.body);
  });
});
