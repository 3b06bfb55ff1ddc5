// A plain line's words are drawn in one text object (src/write/pdf/line-runs.ts), and the page looks exactly as when
// pdfmake draws each word in a text object of its own: the same document drawn both ways renders to the same pixels
// (pdftoppm), with the same text (pdfjs), in far fewer text objects. A line with a link (the contents' entries) keeps
// pdfmake's own drawing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Document } from '../src/compose/tree.js';
import { writePdf } from '../src/write/pdf/document.js';
import { bareContext } from '../src/write/context.js';
import { getPdfmake } from '../src/write/pdf/pdfmake.js';
import { lib, type Any } from '../src/write/pdf/pdfmake-internals.js';
import { ONE_BY_ONE } from '../src/write/pdf/line-runs.js';
import { openPdf } from './helpers/pdf.js';
import { chapter, smallDocument } from './helpers/small-document.js';

const hasPdftoppm = spawnSync('sh', ['-c', 'command -v pdftoppm']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'cg-line-runs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORDS =
  'What a practitioner at Level 1 knows and does: observes a baby and the people who care for the baby, ' +
  'listens with attention, and reflects on what was seen and heard before acting.';

function letterDoc(): Document {
  return smallDocument('line-runs', [
    { kind: 'contents', title: 'Contents', entries: [{ level: 1, id: 'l1', text: 'Level 1' }] },
    chapter('l1', 'Level 1', [
      { kind: 'heading', level: 1, id: 'l1', text: 'Level 1', toc: true },
      { kind: 'paragraph', role: 'body', runs: [{ text: WORDS }, { text: ' In bold.', bold: true }] },
      { kind: 'paragraph', role: 'body', runs: [{ text: 'A line of its own, ' }, { text: 'in bold', bold: true }] },
      { kind: 'paragraph', role: 'body', runs: [{ text: WORDS, italic: true }] },
    ]),
  ]);
}

/** The document drawn with every line one inline at a time, as pdfmake draws it. */
async function oneByOne(doc: Document): Promise<Uint8Array> {
  getPdfmake();
  const proto = lib('Renderer').prototype;
  const renderLine = proto.renderLine;
  proto.renderLine = function (this: Any, line: Any, ...rest: Any[]) {
    line[ONE_BY_ONE] = true;
    return renderLine.call(this, line, ...rest);
  };
  try {
    return (await writePdf(doc, bareContext())).bytes;
  } finally {
    proto.renderLine = renderLine;
  }
}

/** The chapter's page (the second: the contents is the first). */
async function opsOf(bytes: Uint8Array): Promise<{ textObjects: number; shows: number; text: string }> {
  const pdf = await openPdf(bytes.slice());
  const page = await pdf.getPage(2);
  const ops = await page.getOperatorList();
  const count = (op: number) => ops.fnArray.filter((fn) => fn === op).length;
  const content = await page.getTextContent();
  const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
  return { textObjects: count(OPS.beginText), shows: count(OPS.showSpacedText) + count(OPS.showText), text };
}

function pixels(bytes: Uint8Array, name: string): Buffer {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-r', '100', '-gray', file, join(dir, name)]);
  return Buffer.concat([1, 2].map((page) => readFileSync(join(dir, `${name}-${page}.pgm`))));
}

describe('a line drawn in one text object', () => {
  it('has the text and pixels of the line drawn word by word, in a text object a line', async () => {
    const doc = letterDoc();
    const runs = (await writePdf(doc, bareContext())).bytes;
    const words = await oneByOne(doc);
    const [a, b] = [await opsOf(runs), await opsOf(words)];
    expect(a.text.replace(/\s+/g, ' ')).toBe(b.text.replace(/\s+/g, ' '));
    expect(a.text).toContain('reflects on what was seen');
    expect(a.text).toContain('in bold');
    // Every word is still shown where it was laid out ...
    expect(a.shows).toBe(b.shows);
    // ... but a plain line of about 15 words opens one text object, not 15.
    expect(b.textObjects).toBeGreaterThan(40);
    expect(a.textObjects).toBeLessThan(b.textObjects / 3);
    if (!hasPdftoppm && !process.env.CI) return;
    expect(pixels(runs, 'runs').equals(pixels(words, 'words'))).toBe(true);
  });

  it("keeps the link of a contents' entry, a line pdfmake draws", async () => {
    const pdf = await openPdf((await writePdf(letterDoc(), bareContext())).bytes.slice());
    const links = (await (await pdf.getPage(1)).getAnnotations()).filter((a) => a.subtype === 'Link');
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((a) => a.dest !== undefined)).toBe(true);
  });
});
