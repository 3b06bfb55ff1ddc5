// Content hashes (util/hash.ts): byte arrays, Buffers among them, stand in a key as their SHA-256, never as their bytes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsonWithHashes } from '../src/util/hash.js';

const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('jsonWithHashes', () => {
  it('writes a Buffer and a Uint8Array with the same bytes as the same hash, nested anywhere', () => {
    const logo = Buffer.from('\x89PNG logo bytes', 'latin1');
    const copy = new Uint8Array(logo);
    const a = jsonWithHashes({ cover: { logo: { image: logo } }, list: [logo] });
    const b = jsonWithHashes({ cover: { logo: { image: copy } }, list: [copy] });
    expect(a).toBe(b);
    expect(a).toBe(JSON.stringify({ cover: { logo: { image: hex(logo) } }, list: [hex(logo)] }));
    expect(a).not.toContain('"data"');
  });
});
