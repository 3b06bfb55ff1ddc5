// A section's XML cut at its holes (holes.ts): the text between them as UTF-8 bytes, and the holes read. A kept part's
// sections are cut once a run (memory.ts), so a document fills their holes and joins bytes, instead of reading every
// hole's JSON and encoding its whole body again. UTF-8 of the whole is the UTF-8 of its pieces: a hole's marks are
// control characters, never half of a surrogate pair.
import { CLOSE, OPEN, type Hole } from './holes.js';

/** `texts[k]` comes before `holes[k]`; the last text after the last hole. */
export interface CutXml {
  texts: Uint8Array[];
  holes: Hole[];
}

const utf8 = new TextEncoder();

export function cutXml(xml: string): CutXml {
  const texts: Uint8Array[] = [];
  const holes: Hole[] = [];
  let from = 0;
  for (let at = xml.indexOf(OPEN); at >= 0; at = xml.indexOf(OPEN, from)) {
    const end = xml.indexOf(CLOSE, at);
    texts.push(utf8.encode(xml.slice(from, at)));
    holes.push(JSON.parse(xml.slice(at + 1, end)) as Hole);
    from = end + 1;
  }
  texts.push(utf8.encode(xml.slice(from)));
  return { texts, holes };
}

/** Bytes joined from pieces in order: UTF-8 bytes, and strings (encoded a run of them at a time). */
export class Utf8Joiner {
  private readonly pieces: Uint8Array[] = [];
  private length = 0;
  private text = '';

  add(piece: string | Uint8Array): void {
    if (typeof piece === 'string') this.text += piece;
    else {
      this.flush();
      this.push(piece);
    }
  }

  private flush(): void {
    if (this.text !== '') this.push(utf8.encode(this.text));
    this.text = '';
  }

  private push(bytes: Uint8Array): void {
    this.pieces.push(bytes);
    this.length += bytes.length;
  }

  bytes(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.pieces) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
