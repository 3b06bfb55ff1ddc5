// Names and addresses in any script: printed in fonts that have them, read back as typed, inside the envelope window.
import { readTagged, structureText } from './helpers/tagged.js';
import { openPdf } from './helpers/pdf.js';
import { execFileSync } from 'node:child_process';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from '@cantoo/pdf-lib';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressLines, ENVELOPE_WINDOW } from '../src/compose/envelope.js';
import { mergePackets, type MergeResult } from '../src/mailmerge/merge.js';
import { unprintableInFiles } from '../src/pipeline/source-printable.js';
import { docxText, readDocxParts } from './helpers/docx.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'scripts');
type Row = Record<string, string>;
const rows: Row[] = parse(readFileSync(join(fixtures, 'applicants.csv')), { columns: true });
const rowAt = (line: number) => rows[line - 2];

interface Item {
  str: string;
  x: number;
  /** Baseline, from the top of the page. */
  baseline: number;
  width: number;
  height: number;
}

/** The first page's text items, read with pdfjs (independent of the writer). */
async function firstPage(path: string): Promise<{ items: Item[]; text: string }> {
  const doc = await openPdf(new Uint8Array(readFileSync(path)));
  const page = await doc.getPage(1);
  const height = page.view[3];
  const content = await page.getTextContent();
  const items = content.items
    .filter((i) => 'str' in i && i.str.trim() !== '')
    .map((i) => {
      const t = i as { str: string; transform: number[]; width: number; height: number };
      return { str: t.str, x: t.transform[4], baseline: height - t.transform[5], width: t.width, height: t.height };
    });
  await doc.loadingTask.destroy();
  // pdfjs reads a glyph that stands for no character (Noto Sans Arabic's shaping inserts one) as U+0008.
  const text = items
    .map((i) => i.str)
    .join('\n')
    .replace(/\u0008/g, '');
  return { items, text };
}

/** The ActualText of the marked content on a PDF's first page (read from its content streams with pdf-lib). */
async function actualTexts(path: string): Promise<string[]> {
  const pdf = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const contents = pdf.getPage(0).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => pdf.context.lookup(r)) : [contents];
  const ops = streams
    .map((st) =>
      new TextDecoder('latin1').decode(st instanceof PDFRawStream ? decodePDFRawStream(st).decode() : new Uint8Array()),
    )
    .join('\n');
  return [...ops.matchAll(/\/ActualText <FEFF([0-9A-F]*)>/g)].map((m) =>
    String.fromCharCode(...(m[1].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))),
  );
}

describe('packets for names in every script', () => {
  let out: string;
  let result: MergeResult;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cg-scripts-'));
    result = await mergePackets({ project: process.cwd(), roster: join(fixtures, 'applicants.csv'), outDir: out });
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('refuses, by line and field, a character no font has and an address line wider than the window', () => {
    expect(result.rejected.map((r) => r.message)).toEqual([
      'applicants.csv line 13: first_name "Mila 🎉" has a character the packet fonts cannot print (U+1F389)',
      'applicants.csv line 14: address_line2 is 99 characters; at most 75 fit the envelope window',
    ]);
    expect(result.made.map((m) => m.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('names files after the name where it transliterates, else after the line', () => {
    expect(result.made.map((m) => m.pdf)).toEqual([
      'line-0002-tran-bich-ngoc.pdf',
      'line-0003-brzeczyszczykiewicz-grzegorz.pdf',
      'line-0004-nikolaoy-aikaterini.pdf',
      'line-0005-kuznetsova-svetlana.pdf',
      'line-0006-applicant.pdf',
      'line-0007-hdad-lyla.pdf',
      'line-0008-applicant.pdf',
      'line-0009-applicant.pdf',
      'line-0010-applicant.pdf',
      'line-0011-applicant.pdf',
      'line-0012-applicant.pdf',
    ]);
  });

  it('gives back every name and address line as typed, in logical order', async () => {
    for (const m of result.made) {
      const row = rowAt(m.line);
      const { text } = await firstPage(join(out, m.pdf));
      for (const line of addressLines(row as never)) {
        if (/\p{Script=Devanagari}/u.test(line.text)) {
          // The vowel sign ि is drawn before its consonant cluster, and pdf.js reads drawing order (it ignores
          // ActualText): the same characters, not in the same order.
          const sorted = (s: string) => [...s.replace(/\s/g, '')].sort().join('');
          expect(text.split('\n').map(sorted), `line ${m.line}`).toContain(sorted(line.text));
          // Each text object of the line carries its text as typed (ActualText), which screen readers, Acrobat and
          // poppler's pdftotext give back: the name exactly as in the roster.
          expect((await actualTexts(join(out, m.pdf))).join('').replace(/\s/g, ''), `line ${m.line}`).toContain(
            line.text.replace(/\s/g, ''),
          );
          expect(
            execFileSync('pdftotext', ['-f', '1', '-l', '1', join(out, m.pdf), '-'], { encoding: 'utf8' }).split('\n'),
            `line ${m.line}`,
          ).toContain(line.text);
        } else {
          expect(text.split('\n'), `line ${m.line}`).toContain(line.text);
        }
      }
      expect(text).toContain('Dear');
    }
  });

  it('keeps the packets of right-to-left and Indic names valid tagged PDF', async () => {
    for (const m of result.made.filter((x) => [7, 8].includes(x.line))) {
      const pdf = await readTagged(join(out, m.pdf), { withText: true });
      expect(pdf.problems, m.pdf).toEqual([]);
      expect(structureText(pdf)).toContain('Dear');
    }
  });

  it('sets every word of every address inside the #10 window', async () => {
    const w = ENVELOPE_WINDOW;
    for (const m of result.made) {
      const { items } = await firstPage(join(out, m.pdf));
      // The address is what lies between the date (baseline at about 1.6 in) and the salutation (at about 3.5 in).
      const address = items.filter((i) => i.baseline > 125 && i.baseline < 240);
      expect(address.length, `line ${m.line}`).toBeGreaterThanOrEqual(addressLines(rowAt(m.line) as never).length);
      for (const i of address) {
        const where = `line ${m.line}: "${i.str}" at ${i.x.toFixed(1)},${i.baseline.toFixed(1)} w ${i.width.toFixed(1)}`;
        expect(i.x, where).toBeGreaterThanOrEqual(w.x);
        expect(i.x + i.width, where).toBeLessThanOrEqual(w.x + w.width);
        expect(i.baseline - i.height, where).toBeGreaterThanOrEqual(w.y);
        expect(i.baseline + i.height * 0.3, where).toBeLessThanOrEqual(w.y + w.height);
      }
    }
  });

  it('writes the Word packet with the name as typed and its scripts marked for Word', () => {
    const doc = (line: number) =>
      readDocxParts(join(out, result.made.find((m) => m.line === line)!.docx))['word/document.xml'];
    for (const m of result.made)
      expect(docxText(doc(m.line)), `line ${m.line}`).toContain(`${rowAt(m.line).first_name}`);
    const arabic = doc(7);
    expect(arabic).toContain(
      '<w:r><w:rPr><w:rFonts w:cs="Noto Sans Arabic"/><w:rtl/></w:rPr><w:t xml:space="preserve">ليلى</w:t></w:r>',
    );
    expect(doc(6)).toContain('<w:rFonts w:cs="Noto Sans Hebrew"/><w:rtl/>');
    expect(doc(8)).toContain('<w:rFonts w:cs="Noto Sans Devanagari"/></w:rPr><w:t xml:space="preserve">अनन्या</w:t>');
    expect(doc(11)).toContain('<w:rFonts w:eastAsia="Noto Sans JP" w:hint="eastAsia"/><w:lang w:eastAsia="ja-JP"/>');
    expect(doc(12)).toContain('<w:rFonts w:eastAsia="Noto Sans KR" w:hint="eastAsia"/><w:lang w:eastAsia="ko-KR"/>');
    // Latin names stay in the run they were typed into.
    expect(doc(3)).toContain('<w:r><w:t xml:space="preserve">Dear Grzegorz Brzęczyszczykiewicz,</w:t></w:r>');
  });
});

describe('sources the booklet fonts cannot print', () => {
  it('are named by file, line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-printable-'));
    try {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(
        join(dir, 'templates', 'packet.yaml'),
        'letter:\n  salutation: "Dear {firstName} 🌻,"\n  closing: ["Ελένη, Дмитрий"]\n',
      );
      expect(unprintableInFiles(dir, ['templates/packet.yaml'])).toEqual([
        'templates/packet.yaml:2:33: "🌻" (U+1F33B) is a character the booklet fonts cannot print; expected letters, digits and punctuation that Source Serif 4 and Source Sans 3 have (Latin, Greek, Cyrillic)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
