// Authorization of every write route with a VALID body (src/test/write-cases.ts), so that the only
// reason left to refuse is authorization: the caller who may not gets exactly 403 (role) or 404
// (record invisible), another workspace gets 403/404 for anything of w1, and the caller who may
// succeeds with the same request, which proves the body valid.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { writeCases } from '../test/write-cases.ts';
import {
  routeOf,
  seedWriteFixtures,
  callerHeaders,
  workspaceFingerprint,
  writeRequest,
} from '../test/write-fixtures.ts';
import type { WriteCase, WriteFixtures } from '../test/write-cases.ts';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when a response is exactly the refusal the case describes. */
function refusedAsSaid(
  refused: Exclude<WriteCase['refused'], { none: string }>,
  res: { statusCode: number; json(): unknown },
): boolean {
  if (res.statusCode !== refused.status) return false;
  const body = res.json() as {
    error?: { code: string; details: Array<{ path: string }> };
    results?: Array<{ ok: boolean; error?: { code: string } }>;
  };
  if ('perItem' in refused)
    return (
      !!body.results?.length &&
      body.results.every((r) => !r.ok && r.error?.code === refused.perItem)
    );
  if ('unknownIn' in refused)
    return (
      body.error?.code === 'validation_failed' &&
      body.error.details.length > 0 &&
      body.error.details.every((d) => d.path === refused.unknownIn)
    );
  return !!body.error;
}

describe('authorization of write routes, with valid bodies', () => {
  let t: TestContext;
  let f: WriteFixtures;
  let w2: Awaited<ReturnType<typeof seedWorkspace>>;
  const cases = Object.entries(writeCases);
  const fingerprint = () => workspaceFingerprint(t.deps.db, f.w1.workspace.id);
  const send = (opts: ReturnType<typeof writeRequest>) => t.app.inject(opts as InjectOptions);

  before(async () => {
    t = await testContext();
    const w1 = await seedWorkspace(t.deps, 'w1');
    w2 = await seedWorkspace(t.deps, 'w2');
    f = await seedWriteFixtures(t, w1);
  });
  after(() => t.close());

  it('has a case for every write route, and none for a route that is gone', () => {
    const routes = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/v1/') && !r.public && writeMethods.has(r.method))
      .map((r) => `${r.method} ${r.url}`);
    assert.ok(routes.length >= 50, `only ${routes.length} write routes`);
    assert.deepEqual(
      routes.filter((k) => !writeCases[k]),
      [],
      'write routes without a case in src/test/write-cases.ts',
    );
    assert.deepEqual(
      Object.keys(writeCases).filter((k) => !routes.includes(k)),
      [],
      'cases for routes that do not exist',
    );
  });

  it('refuses the caller of w1 who may not, with exactly 403 or 404, and changes nothing', async () => {
    const before = await fingerprint();
    const wrong: string[] = [];
    for (const [key, c] of cases) {
      if ('none' in c.refused) continue;
      const res = await send(writeRequest(key, c, f, callerHeaders(f, c.refused.as)));
      if (!refusedAsSaid(c.refused, res))
        wrong.push(`${key} as ${c.refused.as} → ${res.statusCode} ${res.body}`);
    }
    assert.deepEqual(wrong, [], 'statuses differ from write-cases.ts');
    assert.deepEqual(await fingerprint(), before, 'the refused requests changed nothing');
  });

  it("refuses another workspace's admin on every write that names a w1 record, and changes nothing", async () => {
    const before = await fingerprint();
    const ids = Object.values(f)
      .flatMap((v) => (typeof v === 'string' ? [v] : []))
      .concat(f.definition.id, f.w1.acmeA.id, f.w1.flow.id, f.w1.teamA.id, f.w1.users.standard.id);
    const names = (x: unknown) => ids.some((id) => JSON.stringify(x ?? null).includes(id));
    let inPath = 0;
    const wrong: string[] = [];
    for (const [key, c] of cases) {
      const req = writeRequest(key, c, f, bearer(w2.tokens.admin));
      if (!names(req.url) && !names(c.body?.(f))) continue;
      const res = await send(req);
      const perItem = res.body
        ? (res.json() as { results?: Array<{ ok: boolean }> }).results
        : undefined;
      // A w1 record in the path: exactly 403 or 404, the body being valid.
      if (names(req.url)) {
        inPath++;
        if (![403, 404].includes(res.statusCode))
          wrong.push(`${key} → ${res.statusCode} ${res.body}`);
      } else {
        // Only in the body: an unknown reference in w2 (4xx), or a batch whose items are not found.
        const refused =
          (res.statusCode >= 400 && res.statusCode < 500 && res.statusCode !== 401) ||
          (res.statusCode === 200 && !!perItem?.length && perItem.every((r) => !r.ok));
        if (!refused) wrong.push(`${key} → ${res.statusCode} ${res.body}`);
      }
    }
    assert.deepEqual(wrong, [], "another workspace's admin");
    assert.ok(inPath >= 35, `only ${inPath} writes name a w1 record in their path`);
    assert.deepEqual(await fingerprint(), before, 'w1 is unchanged');
  });

  it('lets the caller who may do it, with the same body (deletes last)', async () => {
    const ordered = [
      ...cases.filter(([k]) => routeOf(k).method !== 'DELETE'),
      ...cases.filter(([k]) => routeOf(k).method === 'DELETE'),
    ];
    const wrong: string[] = [];
    for (const [key, c] of ordered) {
      const res = await send(writeRequest(key, c, f, callerHeaders(f, c.allowed.as)));
      const ok =
        c.allowed.status === undefined
          ? res.statusCode >= 200 && res.statusCode < 300
          : res.statusCode === c.allowed.status;
      if (!ok) wrong.push(`${key} as ${c.allowed.as} → ${res.statusCode} ${res.body}`);
    }
    assert.deepEqual(wrong, []);
  });
});
