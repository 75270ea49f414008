import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Bytes, sha256Hex } from './index.ts';

test('SHA-256 matches the FIPS 180-4 example vectors', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
});

test('SHA-256 over UTF-8 and across block boundaries agrees with node:crypto', async () => {
  const { createHash } = await import('node:crypto');
  for (const text of ['æøå', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(1000)]) {
    assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'), `length ${text.length}`);
  }
  assert.equal(sha256Bytes(new Uint8Array([1, 2, 3])).length, 32);
});
