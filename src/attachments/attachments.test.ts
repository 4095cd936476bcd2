import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import { multipart, type Part } from '../test/multipart.ts';
import { attachments, tasks } from '../db/schema/index.ts';

const MAX = 4096;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A minimal stored (uncompressed) zip archive, enough for content sniffing. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fname = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += 30 + fname.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('attachments', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let w2: Awaited<ReturnType<typeof seedWorkspace>>;
  let taskOnAcme: string;
  let taskOnBeta: string;
  before(async () => {
    t = await testContext({ env: { PLAYMAKER_MAX_UPLOAD_BYTES: String(MAX) } });
    w = await seedWorkspace(t.deps);
    w2 = await seedWorkspace(t.deps, 'w2');
    const base = {
      workspaceId: w.workspace.id,
      kind: 'todo' as const,
      title: 't',
      description: 'd',
      flowId: w.flow.id,
      dueDate: '2026-03-10',
      assigneeUserId: w.users.standard.id,
    };
    const rows = await t.deps.db
      .insert(tasks)
      .values([
        { ...base, accountId: w.acmeA.id },
        { ...base, accountId: w.betaB.id },
      ])
      .returning();
    taskOnAcme = rows[0]!.id;
    taskOnBeta = rows[1]!.id;
  });
  after(() => t.close());

  const upload = (token: string, accountId: string, parts: Part[]) => {
    t.clock.advanceMs(1000); // distinct upload times, so "newest first" is well defined
    const m = multipart(parts);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/attachments`,
      headers: { ...bearer(token), ...m.headers },
      payload: m.payload,
    });
  };
  const storedFiles = () => {
    const root = path.join(t.dataDir, 'files');
    if (!existsSync(root)) return 0;
    return readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
      .length;
  };
  const rowCount = async () => (await t.deps.db.select().from(attachments)).length;

  it('accepts a real PNG and serves it back as a download that is never rendered', async () => {
    const res = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'logo.png', type: 'application/octet-stream', data: PNG },
    ]);
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json();
    assert.equal(a.contentType, 'image/png');
    assert.equal(a.filename, 'logo.png');
    assert.equal(a.sizeBytes, PNG.length);
    assert.deepEqual(a.uploadedBy, { id: w.users.standard.id, name: 'Sam Standard' });
    const dl = await t.app.inject({
      method: 'GET',
      url: a.downloadUrl,
      headers: bearer(w.tokens.advanced),
    });
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.rawPayload, PNG);
    assert.equal(dl.headers['content-type'], 'image/png');
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    assert.match(
      String(dl.headers['content-disposition']),
      /^attachment; .*filename\*=UTF-8''logo\.png$/,
    );
    assert.match(String(dl.headers['cache-control']), /^private/);
  });

  it('accepts UTF-8 text and CSV as text/plain, with a safe display name', async () => {
    const csv = 'name,arr\nAcme,1200\nÉcole,300\n';
    const res = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: '../../etc/Q1 “plan”.csv', type: 'text/csv', data: csv },
    ]);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().contentType, 'text/plain');
    assert.equal(res.json().filename, 'Q1 “plan”.csv');
    const dl = await t.app.inject({
      method: 'GET',
      url: res.json().downloadUrl,
      headers: bearer(w.tokens.standard),
    });
    assert.equal(dl.body, csv);
    assert.equal(dl.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(
      String(dl.headers['content-disposition']),
      /filename\*=UTF-8''Q1%20%E2%80%9Cplan%E2%80%9D\.csv/,
    );
    const renamed = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'notes.exe', data: 'just notes' },
    ]);
    assert.equal(
      renamed.json().filename,
      'notes.exe.txt',
      'the extension always matches the sniffed type',
    );
  });

  it('accepts Office documents by content and refuses plain zips and macro documents', async () => {
    const types = (main: string) =>
      `<Types><Override PartName="/word/document.xml" ContentType="application/${main}.main+xml"/></Types>`;
    const docx = zip({
      '[Content_Types].xml': types('vnd.openxmlformats-officedocument.wordprocessingml.document'),
      'word/document.xml': '<w:document/>',
    });
    const ok = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'brief.docx', data: docx },
    ]);
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(
      ok.json().contentType,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const before = await rowCount();
    const plain = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'brief.docx', data: zip({ 'a.txt': 'hello' }) },
    ]);
    assert.equal(plain.statusCode, 415);
    const macros = zip({
      '[Content_Types].xml': types('vnd.ms-word.document.macroEnabled'),
      'word/document.xml': '<w:document/>',
    });
    assert.equal(
      (
        await upload(w.tokens.standard, w.acmeA.id, [
          { name: 'file', filename: 'brief.docx', data: macros },
        ])
      ).statusCode,
      415,
      'macro documents refused',
    );
    assert.equal(await rowCount(), before);
  });

  it('refuses HTML disguised as PNG, SVG, executables and binary garbage with 415, storing nothing', async () => {
    const rows = await rowCount();
    const files = storedFiles();
    const bad: Part[] = [
      {
        name: 'file',
        filename: 'cat.png',
        type: 'image/png',
        data: '<html><body><script>alert(document.cookie)</script></body></html>',
      },
      {
        name: 'file',
        filename: 'cat.png',
        type: 'image/png',
        data: '\n  <!DOCTYPE html><p>hi</p>',
      },
      {
        name: 'file',
        filename: 'icon.svg',
        type: 'image/svg+xml',
        data: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      },
      { name: 'file', filename: 'notes.txt', data: 'Looks like text\n<script>alert(1)</script>\n' },
      {
        name: 'file',
        filename: 'tool.pdf',
        data: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(200)]),
      },
      {
        name: 'file',
        filename: 'setup.txt',
        data: Buffer.concat([Buffer.from('MZ'), randomBytes(300)]),
      },
      {
        name: 'file',
        filename: 'data.csv',
        data: Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x9c, 0x80, 0x01, 0x02, 0x03]),
      },
      { name: 'file', filename: 'nul.txt', data: 'text with a \u0000 nul' },
    ];
    for (const part of bad) {
      const res = await upload(w.tokens.admin, w.acmeA.id, [part]);
      assert.equal(res.statusCode, 415, `${part.filename}: ${res.body}`);
      assert.equal(res.json().error.code, 'unsupported_media_type');
      assert.ok(Array.isArray(res.json().error.details));
    }
    assert.equal(await rowCount(), rows);
    assert.equal(storedFiles(), files);
  });

  it('refuses files over the limit with 413, leaving no row and no file', async () => {
    const rows = await rowCount();
    const files = storedFiles();
    const res = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'big.txt', data: 'a'.repeat(MAX + 1) },
    ]);
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'payload_too_large');
    assert.equal(await rowCount(), rows);
    assert.equal(storedFiles(), files);
    const exact = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'edge.txt', data: 'a'.repeat(MAX) },
    ]);
    assert.equal(exact.statusCode, 201, 'exactly the limit is fine');
  });

  it('refuses malformed uploads with 400/415', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
      headers: bearer(w.tokens.standard),
      payload: { file: 'x' },
    });
    assert.equal(json.statusCode, 415);
    const none = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'taskId', data: taskOnAcme },
    ]);
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error.details[0].path, 'body.file');
    const two = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'a.txt', data: 'a' },
      { name: 'file', filename: 'b.txt', data: 'b' },
    ]);
    assert.equal(two.statusCode, 400);
    const empty = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'a.txt', data: '' },
    ]);
    assert.equal(empty.statusCode, 400);
  });

  it('links to a task or touchpoint of the same account only, and lists the account’s assets', async () => {
    const foreignTask = await upload(w.tokens.admin, w.acmeA.id, [
      { name: 'taskId', data: taskOnBeta },
      { name: 'file', filename: 'x.txt', data: 'x' },
    ]);
    assert.equal(foreignTask.statusCode, 400);
    assert.equal(foreignTask.json().error.details[0].path, 'body.taskId');
    const badId = await upload(w.tokens.admin, w.acmeA.id, [
      { name: 'touchpointId', data: 'nope' },
      { name: 'file', filename: 'x.txt', data: 'x' },
    ]);
    assert.equal(badId.statusCode, 400);
    const missingTp = await upload(w.tokens.admin, w.acmeA.id, [
      { name: 'touchpointId', data: randomUUID() },
      { name: 'file', filename: 'x.txt', data: 'x' },
    ]);
    assert.equal(missingTp.json().error.details[0].path, 'body.touchpointId');
    const onTask = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'call notes.txt', data: 'notes' },
      { name: 'taskId', data: taskOnAcme },
    ]);
    assert.equal(onTask.statusCode, 201, onTask.body);
    assert.equal(onTask.json().taskId, taskOnAcme);

    const list = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
        headers: bearer(w.tokens.advanced),
      })
    ).json();
    assert.equal(list.data[0].id, onTask.json().id, 'newest first, task files included');
    assert.ok(list.data.length >= 5);
    assert.ok(list.data.every((a: { accountId: string }) => a.accountId === w.acmeA.id));
    const forTask = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/accounts/${w.acmeA.id}/attachments?taskId=${taskOnAcme}`,
        headers: bearer(w.tokens.advanced),
      })
    ).json();
    assert.deepEqual(
      forTask.data.map((a: { id: string }) => a.id),
      [onTask.json().id],
    );
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/accounts/${w.acmeA.id}/attachments?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          headers: bearer(w.tokens.advanced),
        })
      ).json();
      ids.push(...page.data.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      ids,
      list.data.map((a: { id: string }) => a.id),
    );
  });

  it('accounts the caller cannot see, and other workspaces, are 404 for every operation', async () => {
    const [file] = await t.deps.db
      .select()
      .from(attachments)
      .where(eq(attachments.accountId, w.acmeA.id))
      .limit(1);
    const id = file!.id;
    for (const token of [w.tokens.standardB, w2.tokens.admin]) {
      const up = await upload(token, w.acmeA.id, [{ name: 'file', filename: 'x.txt', data: 'x' }]);
      assert.equal(up.statusCode, 404);
      assert.equal(up.json().error.code, 'not_found');
      assert.equal(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
            headers: bearer(token),
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/attachments/${id}/download`,
            headers: bearer(token),
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (
          await t.app.inject({
            method: 'DELETE',
            url: `/api/v1/attachments/${id}`,
            headers: bearer(token),
          })
        ).statusCode,
        404,
      );
    }
    assert.equal(
      (await t.deps.db.select().from(attachments).where(eq(attachments.id, id))).length,
      1,
    );
  });

  it('only the uploader or an admin deletes; the bytes go with the row', async () => {
    const res = await upload(w.tokens.standard, w.acmeA.id, [
      { name: 'file', filename: 'gone.txt', data: 'bye' },
    ]);
    const id = res.json().id;
    const [row] = await t.deps.db.select().from(attachments).where(eq(attachments.id, id));
    const onDisk = path.join(t.dataDir, 'files', row!.storageKey);
    assert.ok(existsSync(onDisk));
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${id}`,
      headers: bearer(w.tokens.advanced),
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'forbidden');
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
    assert.equal(existsSync(onDisk), false);
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/attachments/${id}/download`,
          headers: bearer(w.tokens.standard),
        })
      ).statusCode,
      404,
    );
    const other = (
      await upload(w.tokens.standard, w.acmeA.id, [
        { name: 'file', filename: 'keep.txt', data: 'k' },
      ])
    ).json();
    assert.equal(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/attachments/${other.id}`,
          headers: bearer(w.tokens.admin),
        })
      ).statusCode,
      204,
    );
  });
});
