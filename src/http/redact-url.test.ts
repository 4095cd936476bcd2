import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { signTaskLink } from '../templates/complete-link.ts';
import { buildApp, type App } from './app.ts';
import { redactUrl } from './redact-url.ts';

describe('request log: no secrets from URLs', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let app: App;
  const lines: string[] = [];

  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
    // The app as `serve` builds it (logger on, at info), writing to memory instead of stdout.
    app = await buildApp(
      { ...t.deps, config: { ...t.deps.config, LOG_LEVEL: 'info' } },
      {
        logger: true,
        logStream: {
          write: (line: string) => {
            lines.push(line);
          },
        },
      },
    );
    await app.ready();
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  it('a signed task link is logged as /t/[redacted]: the route shows, the token does not', async () => {
    const task = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: bearer(w.tokens.admin),
      payload: {
        title: 'Call Acme',
        description: 'About the renewal',
        accountId: w.acmeA.id,
        flowId: w.flow.id,
        assignee: { userId: w.users.standard.id },
        dueDate: '2030-01-01',
      },
    });
    assert.equal(task.statusCode, 201, task.body);
    const { id, version } = task.json();
    const token = signTaskLink(t.deps.secrets, {
      t: id,
      u: w.users.standard.id,
      v: version,
      e: Math.floor(t.clock.now().getTime() / 1000) + 86_400,
    });
    const secretParts = token.split('.');
    lines.length = 0;
    const page = await app.inject({ method: 'GET', url: `/t/${token}` });
    assert.equal(page.statusCode, 200, page.body);
    await app.inject({
      method: 'POST',
      url: `/t/${token}?from=mail`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'outcome=',
    });
    await app.inject({ method: 'GET', url: `/%74/${token}` });
    await app.inject({ method: 'GET', url: `/T/${token}` });
    const log = lines.join('');
    assert.ok(lines.length >= 8, `requests were logged: ${log}`);
    for (const part of secretParts)
      assert.ok(!log.includes(part), `the token (${part}) must not be in the log: ${log}`);
    assert.match(log, /"url":"\/t\/\[redacted\]"/);
    assert.match(log, /"url":"\/t\/\[redacted\]\?from=mail"/);
    assert.match(log, /"url":"\/%74\/\[redacted\]"/);
  });

  it('secret query parameters are logged without their values; the rest of the URL stays', async () => {
    lines.length = 0;
    await app.inject({
      method: 'GET',
      url: '/api/v1/tasks?limit=5&token=tok-SECRET1&code=c-SECRET2&state=s-SECRET3&signature=sig-SECRET4&key=k-SECRET5&api_key=SECRET6',
    });
    const log = lines.join('');
    assert.ok(!/SECRET/.test(log), log);
    assert.match(
      log,
      /"url":"\/api\/v1\/tasks\?limit=5&token=\[redacted\]&code=\[redacted\]&state=\[redacted\]&signature=\[redacted\]&key=\[redacted\]&api_key=\[redacted\]"/,
    );
  });

  it('redactUrl keeps what is not secret', () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/accounts/123?q=acme', '/api/v1/accounts/123?q=acme'],
      ['/t', '/t'],
      ['/t/', '/t/[redacted]'],
      ['/t/abc.def/extra', '/t/[redacted]'],
      ['//t/abc', '//t/[redacted]'],
      ['/tasks/abc', '/tasks/abc'],
      ['/calendar/pmc_secret.ics', '/calendar/[redacted]'],
      ['/calendars/x', '/calendars/x'],
      [
        '/x?Token=a&TOKEN=b&access_token=c&redirect=/t/ok&flag',
        '/x?Token=[redacted]&TOKEN=[redacted]&access_token=[redacted]&redirect=/t/ok&flag',
      ],
      [
        '/x?to%6Ben=a&client_secret=b&password=c&monkey=d',
        '/x?to%6Ben=[redacted]&client_secret=[redacted]&password=[redacted]&monkey=d',
      ],
      ['/x?code', '/x?code=[redacted]'],
    ];
    for (const [url, expected] of cases) assert.equal(redactUrl(url), expected, url);
  });
});
