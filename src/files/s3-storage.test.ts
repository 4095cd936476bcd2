// Attachments in an S3-compatible bucket, from the user's side: a real S3 server (s3rver) on loopback,
// the HTTP API in front, the bucket read back with the AWS SDK itself; and `playmaker files migrate`
// run as the real CLI, disk → bucket → disk.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import S3rver from 's3rver';
import { loadConfig } from '../config.ts';
import { attachments } from '../db/schema/index.ts';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { multipart } from '../test/multipart.ts';
import { createDiskFileStore } from './store.ts';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
// s3rver checks signatures against these (its fixed test credentials).
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

describe('S3-compatible attachment storage', () => {
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const d = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  let server: S3rver;
  let endpoint: string;
  let s3: S3Client;
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let w2: Awaited<ReturnType<typeof seedWorkspace>>;
  const s3Env = (bucket: string): Record<string, string> => ({
    PLAYMAKER_S3_BUCKET: bucket,
    PLAYMAKER_S3_ENDPOINT: endpoint,
    PLAYMAKER_S3_REGION: 'us-east-1',
    PLAYMAKER_S3_ACCESS_KEY_ID: credentials.accessKeyId,
    PLAYMAKER_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    PLAYMAKER_S3_FORCE_PATH_STYLE: 'true',
  });
  const object = async (bucket: string, key: string) => {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await out.Body!.transformToByteArray());
  };
  const exists = (bucket: string, key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      (err) => {
        if (err.$metadata?.httpStatusCode === 404) return false;
        throw err;
      },
    );

  before(async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: tempDir('pm-s3rver-'),
      configureBuckets: [
        { name: 'playmaker', configs: [] },
        { name: 'migrated', configs: [] },
      ],
    });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
    t = await testContext({ env: s3Env('playmaker') });
    w = await seedWorkspace(t.deps);
    w2 = await seedWorkspace(t.deps, 'w2');
  });
  after(async () => {
    await t?.close();
    s3?.destroy();
    await server?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('stores an upload in the bucket, streams it back through the access checks, and deletes it from the bucket', async () => {
    const bytes = Buffer.concat([PNG, randomBytes(300_000)]); // large enough to arrive in several chunks
    const m = multipart([{ name: 'file', filename: 'logo.png', type: 'image/png', data: bytes }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
      headers: { ...bearer(w.tokens.standard), ...m.headers },
      payload: m.payload,
    });
    assert.equal(res.statusCode, 201, res.body);
    const { id, downloadUrl } = res.json();
    const [row] = await t.deps.db.select().from(attachments).where(eq(attachments.id, id));

    assert.ok(
      (await object('playmaker', row!.storageKey)).equals(bytes),
      'the bucket holds the uploaded bytes',
    );
    assert.equal(existsSync(path.join(t.dataDir, 'files')), false, 'nothing was written to disk');

    const dl = await t.app.inject({
      method: 'GET',
      url: downloadUrl,
      headers: bearer(w.tokens.advanced),
    });
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'image/png');
    assert.match(String(dl.headers['content-disposition']), /^attachment;/);
    assert.ok(dl.rawPayload.equals(bytes), 'the download is the uploaded bytes');

    for (const token of [w.tokens.standardB, w2.tokens.admin]) {
      const refused = await t.app.inject({
        method: 'GET',
        url: downloadUrl,
        headers: bearer(token),
      });
      assert.equal(refused.statusCode, 404);
      assert.equal(refused.json().error.code, 'not_found');
    }

    assert.equal(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/attachments/${id}`,
          headers: bearer(w.tokens.standard),
        })
      ).statusCode,
      204,
    );
    assert.equal(await exists('playmaker', row!.storageKey), false, 'the object left the bucket');
    assert.equal(
      (await t.app.inject({ method: 'GET', url: downloadUrl, headers: bearer(w.tokens.standard) }))
        .statusCode,
      404,
    );
  });

  it('answers 404 in the error shape when the object is gone from the bucket', async () => {
    const m = multipart([{ name: 'file', filename: 'note.txt', data: 'hello from the bucket' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
      headers: { ...bearer(w.tokens.standard), ...m.headers },
      payload: m.payload,
    });
    assert.equal(res.statusCode, 201, res.body);
    const [row] = await t.deps.db
      .select()
      .from(attachments)
      .where(eq(attachments.id, res.json().id));
    await t.deps.files.remove(row!.storageKey);
    const dl = await t.app.inject({
      method: 'GET',
      url: res.json().downloadUrl,
      headers: bearer(w.tokens.standard),
    });
    assert.equal(dl.statusCode, 404);
    assert.equal(dl.json().error.code, 'not_found');
  });

  it('refuses a half-configured bucket, naming what is missing', () => {
    assert.throws(
      () => loadConfig({ PLAYMAKER_S3_BUCKET: 'b' }),
      (err: Error) =>
        /PLAYMAKER_S3_ACCESS_KEY_ID: required with PLAYMAKER_S3_BUCKET/.test(err.message) &&
        /PLAYMAKER_S3_SECRET_ACCESS_KEY/.test(err.message),
    );
    assert.throws(
      () => loadConfig({ PLAYMAKER_S3_ENDPOINT: 'http://127.0.0.1:9000' }),
      /PLAYMAKER_S3_BUCKET: required with PLAYMAKER_S3_ENDPOINT/,
    );
    assert.throws(
      () => loadConfig({ ...s3Env('b'), PLAYMAKER_S3_FORCE_PATH_STYLE: 'yes' }),
      /PLAYMAKER_S3_FORCE_PATH_STYLE/,
    );
    assert.equal(loadConfig(s3Env('b')).PLAYMAKER_S3_BUCKET, 'b');
    assert.equal(loadConfig({}).PLAYMAKER_S3_BUCKET, undefined);
  });

  it('`playmaker files migrate` copies a disk store into the bucket and back with identical bytes, idempotently', async () => {
    const cli = async (dataDir: string, args: string[]) => {
      const clean = Object.fromEntries(
        Object.entries(process.env).filter(
          ([k]) => !/^(PLAYMAKER_|DATABASE_URL|TEST_DATABASE_URL)/.test(k),
        ),
      );
      try {
        const r = await promisify(execFile)(process.execPath, [main, 'files', ...args], {
          env: { ...clean, PLAYMAKER_DATA_DIR: dataDir, ...s3Env('migrated') },
          encoding: 'utf8',
        });
        return { ok: true, out: r.stdout + r.stderr };
      } catch (err) {
        const e = err as { stdout: string; stderr: string };
        return { ok: false, out: e.stdout + e.stderr };
      }
    };
    const source = tempDir('pm-files-src-');
    const disk = createDiskFileStore(source);
    const files = new Map<string, Buffer>();
    for (const size of [1, 5_000, 700_000]) {
      const bytes = randomBytes(size);
      files.set(await disk.put(bytes), bytes);
    }
    mkdirSync(path.join(source, 'files', 'zz'), { recursive: true });
    writeFileSync(path.join(source, 'files', 'zz', 'not-a-key.txt'), 'ignored');

    const bad = await cli(source, ['migrate', '--to', 'ftp']);
    assert.equal(bad.ok, false);
    assert.match(bad.out, /usage: playmaker files migrate --to s3\|disk/);
    assert.equal(
      (await s3.send(new ListObjectsV2Command({ Bucket: 'migrated' }))).KeyCount ?? 0,
      0,
      'a refused command copies nothing',
    );

    const first = await cli(source, ['migrate', '--to', 's3']);
    assert.ok(first.ok, first.out);
    assert.match(first.out, /copied 3, skipped 0 already in bucket migrated/);
    for (const [key, bytes] of files) {
      assert.ok((await object('migrated', key)).equals(bytes), `${key} is in the bucket`);
      assert.ok(
        readFileSync(path.join(source, 'files', key)).equals(bytes),
        `${key} stays on disk`,
      );
    }
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'migrated' }));
    assert.deepEqual(
      listed.Contents?.map((c) => c.Key).sort(),
      [...files.keys()].sort(),
      'only storage keys were copied',
    );

    const again = await cli(source, ['migrate', '--to', 's3']);
    assert.ok(again.ok, again.out);
    assert.match(again.out, /copied 0, skipped 3/);

    const target = tempDir('pm-files-dst-');
    const back = await cli(target, ['migrate', '--to', 'disk', '--delete-source']);
    assert.ok(back.ok, back.out);
    assert.match(back.out, /copied 3, skipped 0 already in .*, deleted 3 from the source/);
    for (const [key, bytes] of files) {
      assert.ok(
        readFileSync(path.join(target, 'files', key)).equals(bytes),
        `${key} is back on disk, byte for byte`,
      );
      assert.equal(
        await exists('migrated', key),
        false,
        `${key} left the bucket (--delete-source)`,
      );
    }
  });
});
