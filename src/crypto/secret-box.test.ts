import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { createSecretBox, loadSecretKey, parseSecretKey } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox(Buffer.alloc(32, 1));

  it('round-trips with a versioned, randomised format bound to its context', () => {
    const a = box.encrypt('hunter2', 'ctx');
    const b = box.encrypt('hunter2', 'ctx');
    assert.match(a, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    assert.notEqual(a, b, 'a fresh IV every time');
    assert.ok(!a.includes('hunter2'));
    assert.equal(box.decrypt(a, 'ctx'), 'hunter2');
    assert.throws(() => box.decrypt(a, 'other'), 'bound to the context it was sealed for');
    assert.throws(
      () => createSecretBox(Buffer.alloc(32, 2)).decrypt(a, 'ctx'),
      'another key cannot open it',
    );
    const [v, iv, body] = a.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    assert.throws(
      () => box.decrypt(`${v}.${iv}.${flipped.toString('base64url')}`, 'ctx'),
      'tampering is detected',
    );
    assert.throws(() => box.decrypt(`v9.${iv}.${body}`, 'ctx'), /Unknown secret format/);
  });

  it('signs and verifies with a key separate from encryption', () => {
    const sig = box.sign('data');
    assert.equal(box.verify('data', sig), true);
    assert.equal(box.verify('datb', sig), false);
    assert.equal(createSecretBox(Buffer.alloc(32, 2)).verify('data', sig), false);
  });

  it('reads the key from PLAYMAKER_SECRET_KEY as hex or base64 and refuses other lengths', () => {
    const key = Buffer.alloc(32, 5);
    assert.deepEqual(parseSecretKey(key.toString('hex')), key);
    assert.deepEqual(parseSecretKey(key.toString('base64')), key);
    assert.throws(() => parseSecretKey('c2hvcnQ='), /32 bytes/);
  });

  it('embedded mode generates <dataDir>/secret.key (0600) once; PostgreSQL refuses to start without a key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pm-key-'));
    try {
      const config = loadConfig({ PLAYMAKER_DATA_DIR: dir });
      const first = loadSecretKey(config);
      const file = path.join(dir, 'secret.key');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(loadSecretKey(config), first, 'the same key on the next start');
      assert.deepEqual(parseSecretKey(readFileSync(file, 'utf8')), first);
      assert.throws(
        () =>
          loadSecretKey(
            loadConfig({ PLAYMAKER_DATA_DIR: dir, DATABASE_URL: 'postgres://x@127.0.0.1/db' }),
          ),
        /PLAYMAKER_SECRET_KEY is required with DATABASE_URL/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
