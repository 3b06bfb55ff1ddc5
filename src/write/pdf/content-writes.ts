// pdfkit turns each operator it writes to a stream (a page's content: 'BT', a Tm, a TJ, a colour …) into a Buffer of
// its own, and joins them all when the stream ends: a page of text made thousands of small Buffers, a sixth of the
// time of drawing a page. Written text is kept as one string until the stream ends (or bytes are written to it) and
// made into bytes once: the same bytes (pdfkit encodes it as 'binary', one byte a character), in the same order.
import type { Any } from './pdfmake-internals.js';

const PENDING = Symbol('pending text');
const INSTALLED = Symbol.for('competency-guidelines.batched-stream-writes');

/** Patches pdfkit's PDFReference (0.19.1), found as the prototype of `ref`, a reference of pdfkit's. */
export function batchStreamWrites(ref: Any): void {
  const proto = Object.getPrototypeOf(ref);
  if (typeof proto.write !== 'function' || typeof proto.finalize !== 'function' || !Array.isArray(ref.buffer))
    throw new Error('pdfkit: PDFReference.write not found; src/write/pdf/content-writes.ts needs updating');
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const { write, finalize } = proto;
  const flush = (self: Any) => {
    const text: string | undefined = self[PENDING];
    if (text === undefined) return;
    self[PENDING] = undefined;
    self.buffer.push(Buffer.from(text, 'binary'));
  };
  proto.write = function (this: Any, chunk: Any) {
    if (chunk instanceof Uint8Array) {
      flush(this);
      return write.call(this, chunk);
    }
    const text = chunk + '\n';
    this[PENDING] = this[PENDING] === undefined ? text : this[PENDING] + text;
    // What pdfkit's write does with the Buffer it would have made of it (its length: one byte a character).
    this.uncompressedLength += text.length;
    if (this.data.Length == null) this.data.Length = 0;
    this.data.Length += text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function (this: Any, ...args: Any[]) {
    flush(this);
    return finalize.apply(this, args);
  };
}
