// The Word package's zip (write/docx/zip.ts): entries deflated by Node's zlib, and those that recur from document to
// document (styles, numbering, theme, font table, logo, headers and footers) deflated once in a run; a document's
// bytes never depend on what the run wrote before. Read back with fflate (an independent zip reader).
import { Document as WordDocument, Packer } from 'docx';
import { unzipSync } from 'fflate';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Block, Document, Part } from '../src/compose/tree.js';
import { bareContext } from '../src/write/context.js';
import { cutXml, Utf8Joiner } from '../src/write/docx/cut.js';
import { frameOf } from '../src/write/docx/frame.js';
import { CLOSE, OPEN } from '../src/write/docx/holes.js';
import { Held } from '../src/write/docx/held.js';
import { docxMemory } from '../src/write/docx/memory.js';
import { numberingFor } from '../src/write/docx/numbering.js';
import { stylesFor } from '../src/write/docx/styles.js';
import { writeDocx } from '../src/write/docx/write-docx.js';
import { DeflatedEntries, zipParts } from '../src/write/docx/zip.js';

const para = (text: string): Block => ({ kind: 'paragraph', role: 'body', runs: [{ text }] });

function booklet(accent: string, words: string): Document {
  const chapter: Part = {
    kind: 'chapter',
    id: 'level1',
    title: 'Level 1',
    runningHead: 'Level 1',
    blocks: [
      { kind: 'heading', level: 1, id: 'level1', text: 'Level 1', toc: true },
      ...Array.from({ length: 12 }, (_, i) => para(`${words} ${i + 1}: ${'words that fill a line '.repeat(8)}`)),
    ],
  };
  return {
    editionId: 'test',
    kind: 'booklet',
    meta: {
      title: 'Guidelines',
      author: 'Association',
      subject: 'Guidelines',
      keywords: 'k',
      language: 'en-US',
      date: '2026-11-01',
    },
    page: { size: 'LETTER', twoSided: true, padToMultipleOf4: false },
    accent,
    furniture: { headerLine: 'Guidelines', footerLine: '© Association' },
    parts: [
      {
        kind: 'cover',
        association: 'Association',
        abbreviation: 'AS',
        title: 'Guidelines',
        dateLine: 'November 2026',
        color: accent,
      },
      { kind: 'contents', title: 'Contents', entries: [] },
      chapter,
    ],
  };
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('the Word package', () => {
  it('deflates an entry that recurs in a run once, and writes the same bytes as a run that wrote nothing before', async () => {
    const ctx = bareContext();
    const first = await writeDocx(booklet('#1f4e79', 'Reworded'), ctx);
    const counts = docxMemory(ctx).deflated.counts;
    const deflatedByFirst = counts.deflated;
    // A booklet with other words and the same colour: only its body is new (the body is never looked up).
    const second = await writeDocx(booklet('#1f4e79', 'Other words'), ctx);
    expect(counts.deflated).toBe(deflatedByFirst);
    expect(counts.reused).toBeGreaterThanOrEqual(deflatedByFirst);
    expect(same(second, await writeDocx(booklet('#1f4e79', 'Other words'), bareContext()))).toBe(true);
    expect(same(first, await writeDocx(booklet('#1f4e79', 'Reworded'), bareContext()))).toBe(true);
    // Another colour: its styles are new, and deflated; the rest is found.
    const before = counts.deflated;
    await writeDocx(booklet('#2e7d32', 'Reworded'), ctx);
    expect(counts.deflated - before).toBeGreaterThan(0);
    expect(counts.deflated - before).toBeLessThan(deflatedByFirst);
  });

  it('makes each part once in a run with no store (a forced build), with the bytes of a run that made it for the document', async () => {
    const made: string[] = [];
    const ctx = { ...bareContext(), trace: (line: string) => void made.push(line) };
    const first = booklet('#1f4e79', 'Reworded');
    await writeDocx(first, ctx);
    expect(made).toEqual(['docx part level1 made']);
    // Another edition's colour and a packet of the same chapter: the part and its measures come from the run.
    const green = booklet('#2e7d32', 'Reworded');
    const packet: Document = { ...first, kind: 'packet', parts: first.parts.filter((p) => p.kind !== 'contents') };
    const fromRun = [await writeDocx(green, ctx), await writeDocx(packet, ctx), await writeDocx(first, ctx)];
    expect(made).toEqual(['docx part level1 made']);
    const alone = [await writeDocx(green), await writeDocx(packet), await writeDocx(first)];
    fromRun.forEach((bytes, i) => expect(same(bytes, alone[i]), `document ${i}`).toBe(true));
  });

  it('gives every edition the frame docx makes for its own colour, from one frame made once', async () => {
    const held = new Held<Record<string, Uint8Array>>(4);
    const kept = new Map<string, Uint8Array>();
    const ctx = {
      ...bareContext(),
      store: { get: (k: string) => kept.get(k) ?? null, put: (k: string, b: Uint8Array) => void kept.set(k, b) },
    };
    for (const accent of ['#1f4e79', '#8a1a1a', '#595959', '#acce57', '#000000']) {
      const doc = booklet(accent, 'Words');
      const { frame } = await frameOf(doc, [], ctx, held);
      const direct = unzipSync(
        new Uint8Array(
          await Packer.toBuffer(
            new WordDocument({ ...stylesFor(doc), numbering: numberingFor(), sections: [{ children: [] }] }),
          ),
        ),
      );
      for (const name of Object.keys(frame)) expect(same(frame[name], direct[name]), `${accent} ${name}`).toBe(true);
    }
    expect([...kept.keys()].filter((k) => k.startsWith('docx-frame:'))).toHaveLength(1);
  });

  it('fills a section cut at its holes into the UTF-8 of the section filled as text', () => {
    const hole = (h: object) => `${OPEN}${JSON.stringify(h)}${CLOSE}`;
    const xml = `<w:p>${hole({ kind: 'bookmark', name: 'ä 😀' })}<w:t>Zoë 😀 “quoted”</w:t>${hole({ kind: 'end' })}</w:p>${hole({ kind: 'section', i: 0 })}é`;
    const fill = (h: { kind: string }) =>
      h.kind === 'bookmark' ? '<b n="ä 😀"/>' : h.kind === 'end' ? '<e/>' : '<s/>';
    const cut = cutXml(xml);
    expect(cut.holes.map((h) => h.kind)).toEqual(['bookmark', 'end', 'section']);
    const joined = new Utf8Joiner();
    joined.add('<body>');
    cut.holes.forEach((h, k) => (joined.add(cut.texts[k]), joined.add(fill(h))));
    joined.add(cut.texts[cut.holes.length]);
    joined.add('</body>');
    let k = 0;
    const filled = xml.replace(new RegExp(`${OPEN}[^${CLOSE}]*${CLOSE}`, 'g'), () => fill(cut.holes[k++]));
    expect(Buffer.from(joined.bytes()).toString('utf8')).toBe(`<body>${filled}</body>`);
  });

  it('zips every part as given, in Word’s order, each entry a raw deflate stream', () => {
    const parts = {
      'word/document.xml': new TextEncoder().encode('<w:document>' + 'text '.repeat(500) + '</w:document>'),
      '_rels/.rels': new TextEncoder().encode('<Relationships/>'),
      '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
      'word/styles.xml': new TextEncoder().encode('<w:styles/>'),
    };
    const kept = new DeflatedEntries();
    const zipped = zipParts(parts, '2026-11-01', kept, ['word/document.xml']);
    expect(same(zipped, zipParts(parts, '2026-11-01'))).toBe(true);
    expect(kept.counts).toEqual({ deflated: 3, reused: 0 });
    const back = unzipSync(zipped);
    expect(Object.keys(back)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']);
    for (const [name, data] of Object.entries(parts)) expect(same(back[name], data), name).toBe(true);
    // Compressed: 2.5 kB of repeated text in a few hundred bytes, the entry's deflated bytes inflating to the part.
    expect(zipped.length).toBeLessThan(1000);
    expect(
      inflateRawSync(zippedEntry(zipped, 'word/document.xml')).equals(Buffer.from(parts['word/document.xml'])),
    ).toBe(true);
    zipParts(parts, '2026-11-01', kept, ['word/document.xml']);
    expect(kept.counts).toEqual({ deflated: 3, reused: 3 });
  });
});

/** The raw deflated bytes of an entry, from its local header and the data descriptor after it. */
function zippedEntry(zip: Uint8Array, name: string): Buffer {
  const b = Buffer.from(zip);
  const at = b.indexOf(name) - 30;
  const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  const end = b.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), start);
  return b.subarray(start, end);
}
