// No text is ever cut: long words and long lines in every kind of block print whole, inside the page's content area;
// text the layout would still cut stops the build, naming the source line.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.js';
import { InputError } from '../src/model/diagnostics.js';
import { getPdfmake } from '../src/write/pdf/pdfmake.js';
import { LayoutFault } from '../src/write/pdf/layout-guard.js';
import { asTrial } from '../src/write/pdf/pdfmake-run.js';
import { PAGE_MARGINS } from '../src/write/pdf/theme.js';
import { projectCopy } from './helpers/damage.js';
import { openPdf } from './helpers/pdf.js';
import { readTagged, structureText } from './helpers/tagged.js';

let project: string;
const originals = new Map<string, string>();
beforeAll(() => {
  project = projectCopy('cg-long-words-');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Replaces the first occurrence of `anchor` in a project file (kept to be put back). */
function edit(file: string, anchor: string, replacement: string): void {
  const path = join(project, file);
  if (!originals.has(file)) originals.set(file, readFileSync(path, 'utf8'));
  const text = readFileSync(path, 'utf8');
  if (!text.includes(anchor)) throw new Error(`${file} has no "${anchor}"`);
  writeFileSync(path, text.replace(anchor, replacement));
}
function restore(): void {
  for (const [file, text] of originals) writeFileSync(join(project, file), text);
  originals.clear();
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

interface PageText {
  text: string;
  /** Each text item, whitespace taken out (pdfmake draws each word, or each part of a cut word, as one). */
  items: string[];
  /** Text items that reach beyond the page's content area (with the writer's 6 pt allowance for table rules). */
  outside: string[];
}

async function pdfText(path: string): Promise<PageText> {
  const doc = await openPdf(new Uint8Array(readFileSync(path)), { useSystemFonts: false });
  let text = '';
  const items: string[] = [];
  const outside: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width] = page.view;
    const content = await page.getTextContent();
    for (const it of content.items) {
      if (!('str' in it)) continue;
      text += it.str;
      if (it.str.trim()) items.push(squeeze(it.str));
      const x = it.transform[4];
      // The gutter moves two-sided pages' content 12 pt outwards.
      if (it.str.trim() && (x + it.width > width - PAGE_MARGINS[2] + 6 + 12 || x < PAGE_MARGINS[0] - 6 - 12))
        outside.push(`page ${i}: ${it.str}`);
    }
  }
  await doc.loadingTask.destroy();
  return { text, items, outside };
}

/**
 * Whether a word is printed whole as the parts of a cut word, in any order of reading: the Impact Map's columns sit
 * side by side, so pdfjs reads their lines interleaved. Each part is a text item, or begins or ends one.
 */
function inParts(items: string[], word: string): boolean {
  let rest = word;
  while (rest) {
    let best = 0;
    for (const s of items) {
      let n = 0;
      if (rest.startsWith(s)) n = s.length;
      else if (s.startsWith(rest)) n = rest.length;
      else for (let k = Math.min(s.length, rest.length); k > 0 && !n; k--) if (s.endsWith(rest.slice(0, k))) n = k;
      best = Math.max(best, n);
    }
    if (best < Math.min(8, rest.length)) return false;
    rest = rest.slice(best);
  }
  return true;
}

// Letters that make no Markdown, YAML or link syntax, and the characters a long word breaks after first.
const wordChar = fc.constantFrom(...'abcdefghkmnpqrstuvxyz'.split(''), '/', '.', '-', '_', '?', '&', '=');
/** A token wider than any column: 46 to 300 characters with no space, starting with a letter (an underscore only between letters: elsewhere Markdown may read it as emphasis). */
const longToken = fc
  .tuple(fc.constantFrom('q', 'z', 'k'), fc.array(wordChar, { minLength: 45, maxLength: 299 }))
  .map(([a, rest]) => (a + rest.join('')).replace(/_(?=[^a-z]|$)|(?<=[^a-z])_/g, 'u'));
/** A long line: many ordinary words, with one long token inside. */
const longLine = fc
  .tuple(
    fc.array(fc.constantFrom('infant', 'family', 'relationship', 'practice', 'reflective'), {
      minLength: 80,
      maxLength: 400,
    }),
    longToken,
  )
  .map(([words, token]) => [...words.slice(0, 40), token, ...words.slice(40)].join(' '));

/** Where each kind of block gets its text: the Competency Detail's two columns, a paragraph, a glossary entry, the Impact Map, the letter and a form label. */
const PLACES = [
  {
    file: 'source/base/level-1.md',
    anchor: '- Supports and reinforces parent strengths',
    kind: 'competency',
    as: (t: string) => `- Supports ${t} and reinforces parent strengths`,
  },
  {
    file: 'source/base/level-1.md',
    anchor: '- pregnancy & early parenthood',
    kind: 'knowledge area',
    as: (t: string) => `- pregnancy ${t} & early parenthood`,
  },
  {
    file: 'source/base/level-1.md',
    anchor: 'to clearly describe the areas',
    kind: 'paragraph',
    as: (t: string) => `to clearly ${t} describe the areas`,
  },
  {
    file: 'source/base/glossary.md',
    anchor: 'an agreement signed by an endorsement candidate',
    kind: 'glossary',
    as: (t: string) => `an agreement ${t} signed by an endorsement candidate`,
  },
  {
    file: 'source/editions/texas/level-3.md',
    anchor: '- Establish effective, trusting',
    kind: 'impact map',
    as: (t: string) => `- Establish ${t} effective, trusting`,
  },
  {
    file: 'templates/packet.yaml',
    anchor: 'label: Employer and position',
    kind: 'form label',
    as: (t: string) => `label: Employer ${t} and position`,
  },
] as const;

describe('long words and long lines', () => {
  it('print every word, inside the page, in every kind of block (property)', async () => {
    const out = join(project, 'out');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(longToken, longLine), { minLength: PLACES.length, maxLength: PLACES.length }),
        async (texts) => {
          try {
            // A long line in the Impact Map stays a line that fits one landscape page: a token there.
            const placed = PLACES.map((p, i) => ({
              ...p,
              text:
                p.kind === 'impact map' && texts[i].length > 400
                  ? texts[i].split(' ').find((w) => w.length > 45)!
                  : texts[i],
            }));
            for (const p of placed) edit(p.file, p.anchor, p.as(p.text));
            await build({ project, outDir: out, editions: ['texas'], force: true, workers: 1 });
            const booklet = await pdfText(join(out, 'texas', 'competency-guidelines.pdf'));
            const packet = await pdfText(join(out, 'texas', 'packet-level-3.pdf'));
            expect(booklet.outside).toEqual([]);
            expect(packet.outside).toEqual([]);
            // The tagged structure reads each word whole, in reading order (a cut word's parts are in one element).
            const tagged = await readTagged(join(out, 'texas', 'competency-guidelines.pdf'), { withText: true });
            expect(tagged.problems).toEqual([]);
            const structure = squeeze(structureText(tagged));
            for (const p of placed.filter((p) => p.kind !== 'form label'))
              expect(structure, `structure: ${p.kind}`).toContain(squeeze(p.text));
            for (const p of placed) {
              const where = p.kind === 'form label' ? packet : booklet;
              // Every word, in order: the tokens are broken across lines, never cut or changed.
              if (p.kind === 'impact map')
                expect(inParts(where.items, squeeze(p.text)), `${p.kind}: ${p.text}`).toBe(true);
              else expect(squeeze(where.text), `${p.kind}: ${p.text.slice(0, 60)}`).toContain(squeeze(p.text));
            }
          } finally {
            restore();
          }
        },
      ),
      { numRuns: 3, seed: 25, endOnFailure: true },
    );
  }, 600_000);

  it('a long URL breaks after / . - _ ? & =, not inside a word', async () => {
    // Only dots, underscores, = and &: no break opportunity for the Unicode line breaking rules, one word.
    const url = `example.org/guidelines?${'topic_name=relationship.practice&'.repeat(5)}page=2`;
    try {
      edit('source/base/level-1.md', '- Supports and reinforces parent strengths', `- See ${url} for parent strengths`);
      const out = join(project, 'out');
      await build({ project, outDir: out, editions: ['michigan'], force: true, workers: 1 });
      const doc = await openPdf(new Uint8Array(readFileSync(join(out, 'michigan', 'competency-guidelines.pdf'))), {
        useSystemFonts: false,
      });
      const lines: string[] = [];
      for (let i = 1; i <= doc.numPages; i++) {
        let line = '';
        for (const it of (await (await doc.getPage(i)).getTextContent()).items) {
          if (!('str' in it)) continue;
          line += it.str;
          if (it.hasEOL) (lines.push(line.trim()), (line = ''));
        }
        lines.push(line.trim());
      }
      await doc.loadingTask.destroy();
      const first = lines.findIndex((l) => l.includes('See example.org'));
      expect(first).toBeGreaterThanOrEqual(0);
      let last = first;
      while (!squeeze(lines.slice(first, last + 1).join('')).includes(squeeze(url))) last++;
      // The URL spans lines, each cut after a preferred character, and reads back whole.
      expect(last).toBeGreaterThan(first);
      for (const l of lines.slice(first, last)) expect(l).toMatch(/[/.\-_?&=]$/);
    } finally {
      restore();
    }
  }, 120_000);
});

describe('the layout guard', () => {
  // First: a failed build's other documents still render for a moment after it stops, in this thread.
  it('refuses a line drawn past the right edge of the page', async () => {
    const def = {
      pageSize: 'LETTER',
      pageMargins: PAGE_MARGINS,
      defaultStyle: { font: 'Serif' },
      content: [{ text: 'x'.repeat(200), noWrap: true }],
    };
    await expect(getPdfmake().createPdf(def).getBuffer()).rejects.toThrow(LayoutFault);
    await expect(getPdfmake().createPdf(def).getBuffer()).rejects.toThrow(/past the right edge of the page/);
    // A trial layout (fitting an Impact Map's size) is there to find what does not fit: it is not stopped.
    await expect(getPdfmake().createPdf(asTrial(def)).getBuffer()).resolves.toBeInstanceOf(Uint8Array);
  });

  it('stops the build when text would be lost, naming the source line and what to change; out/ is unchanged', async () => {
    const out = join(project, 'out-guard');
    await build({ project, outDir: out, editions: ['texas'], workers: 1 });
    const manifest = () =>
      createHash('sha256')
        .update(readFileSync(join(out, 'manifest.json')))
        .digest('hex');
    const before = manifest();
    try {
      // One Impact Map item longer than a landscape page: kept whole, it fits no page.
      edit(
        'source/editions/texas/level-3.md',
        '- Engage in reflective practice to determine actions to take',
        `- Engage in ${'reflective practice '.repeat(300)}`,
      );
      const error = await build({ project, outDir: out, editions: ['texas'], force: true, workers: 1 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      const messages = (error as InputError).messages;
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(
        /^source\/editions\/texas\/level-3\.md:\d+:3: "Engage in reflective practice .*…" .*taller than a page.*; split it into shorter paragraphs or items \(in texas\/competency-guidelines\.pdf\)$/,
      );
      const line = Number(messages[0].split(':')[1]);
      expect(readFileSync(join(project, 'source/editions/texas/level-3.md'), 'utf8').split('\n')[line - 1]).toMatch(
        /^- Engage in reflective practice/,
      );
      expect(manifest()).toBe(before);
    } finally {
      restore();
    }
  }, 180_000);
});
