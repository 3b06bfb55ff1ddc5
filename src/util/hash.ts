// Content hashes for cache keys, manifests and message ids: SHA-256 as hex, the one digest the project keys by.
import { createHash } from 'node:crypto';

/** The SHA-256 of the parts one after another (a `'\0'` between fields is the caller's), as hex. */
export function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** Hashes of byte arrays seen before: a logo is in every document of its edition, and in each part key of a cover. */
const arrayHashes = new WeakMap<Uint8Array, string>();

/** The SHA-256 of bytes, made once for each array (an array is never changed once made: a font, a logo, a file). */
export function hashOfBytes(bytes: Uint8Array): string {
  let h = arrayHashes.get(bytes);
  if (h === undefined) arrayHashes.set(bytes, (h = sha256(bytes)));
  return h;
}

/** A value as JSON with each byte array (an image, a font) as its SHA-256: a short, exact text of its content. */
export function jsonWithHashes(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? hashOfBytes(v) : v));
}
