// What makes laying out and drawing a PDF cheaper (src/write/pdf/shaping.ts, style-lookup.ts, content-writes.ts,
// measure-once.ts) changes no byte of it: these tests pin what each one does, and read the PDFs back.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { getPdfmake } from '../src/write/pdf/pdfmake.js';
import { lib } from '../src/write/pdf/pdfmake-internals.js';
import { PAGE_MARGINS } from '../src/write/pdf/theme.js';
import { openPdf } from './helpers/pdf.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const require = createRequire(import.meta.url);

const definition = (texts: string[]) => ({
  pageSize: 'LETTER',
  pageMargins: PAGE_MARGINS,
  defaultStyle: { font: 'Serif', fontSize: 11 },
  content: texts.map((text) => ({ text })),
});

async function textOf(bytes: Uint8Array): Promise<string> {
  const doc = await openPdf(bytes, { useSystemFonts: false });
  let text = '';
  for (let i = 1; i <= doc.numPages; i++)
    for (const it of (await (await doc.getPage(i)).getTextContent()).items) if ('str' in it) text += it.str + ' ';
  await doc.loadingTask.destroy();
  return text.replace(/\s+/g, ' ').trim();
}

/** Lays a definition out and draws it: pdfkit's document (before its end) and the PDF's bytes. */
async function render(def: object): Promise<{ pdfkit: Any; bytes: Uint8Array }> {
  const out = getPdfmake().createPdf(def);
  const pdfkit = await out.getStream();
  return { pdfkit, bytes: new Uint8Array(await out.getBuffer()) };
}

describe('a word shaped once per thread', () => {
  it('gives every document the run its font keeps, scaled once, and the same text', async () => {
    const words = 'Reflective practice supports infant and family wellbeing.';
    const first = await render(definition([words]));
    const second = await render(definition([`${words} Again.`]));
    const runsOf = (pdfkit: Any) => pdfkit.fontCache.Serif.normal.layoutCache;
    // pdfkit asks its font for each space-separated piece; the second document gets the first one's run, not a copy.
    expect(runsOf(first.pdfkit)['Reflective ']).toBeDefined();
    expect(runsOf(second.pdfkit)['Reflective ']).toBe(runsOf(first.pdfkit)['Reflective ']);
    expect(runsOf(second.pdfkit)['practice ']).toBe(runsOf(first.pdfkit)['practice ']);
    expect(await textOf(first.bytes)).toBe(words);
    expect(await textOf(second.bytes)).toBe(`${words} Again.`);
  });

  it('keeps glyph metrics by glyph id: a glyph of a new run has the metrics of the same glyph before', async () => {
    const { pdfkit } = await render(definition(['Alpha beta gamma']));
    const font = pdfkit.fontCache.Serif.normal;
    const [a] = font.layoutCache['Alpha '].glyphs;
    const { pdfkit: next } = await render(definition(['Alphabet']));
    const [b] = next.fontCache.Serif.normal.layoutCache['Alphabet'].glyphs;
    expect(b).not.toBe(a); // each run has glyphs of its own (their characters go to the ToUnicode map)
    expect(b.id).toBe(a.id);
    expect(b._metrics).toBe(a._metrics);
  });
});

describe('the runs a font keeps', () => {
  it('are at most 8,000: past that they are dropped and kept again, and the text is the same', async () => {
    const { pdfkit } = await render(definition(['Kept']));
    const runs: Map<string, Any> = pdfkit.fontCache.Serif.normal.font[Symbol.for('competency-guidelines.scaled-runs')];
    expect(runs.size).toBeGreaterThan(0);
    // A mail merge's names: each new.
    const names = Array.from({ length: 9_000 }, (_, i) => `Applicant${i.toString(36)}`);
    const { bytes } = await render(definition([names.join(' ')]));
    expect(runs.size).toBeLessThanOrEqual(8_000);
    expect(runs.size).toBeGreaterThan(0);
    expect((await textOf(bytes)).split(' ').slice(-2)).toEqual(names.slice(-2));
  }, 120_000);
});

describe('text written to a pdfkit stream', () => {
  it('is kept as one string until the stream ends, and the stream holds every operator in order', async () => {
    getPdfmake();
    const PDFKit = createRequire(require.resolve('pdfmake')).call(null, 'pdfkit');
    const doc = new PDFKit({ autoFirstPage: false, compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.addPage();
    const before = doc.page.content.data.Length;
    const ops = Array.from({ length: 200 }, (_, i) => `${i} ${i + 1} m ${i + 2} ${i + 3} l S`);
    for (const op of ops) doc.addContent(op);
    // pdfkit made a Buffer of each operator; now none is made until the page's content ends.
    expect(doc.page.content.buffer).toEqual([]);
    expect(doc.page.content.data.Length - before).toBe(ops.join('\n').length + 1);
    doc.end();
    await ended;
    const pdf = Buffer.concat(chunks).toString('latin1');
    expect(pdf).toContain(`${ops.join('\n')}\n\nendstream`);
  });

  it('leaves what a document draws unchanged: its text reads back whole', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of the page.`);
    const { bytes } = await render(definition(lines));
    expect(await textOf(bytes)).toBe(lines.join(' '));
  });
});

describe('style lookups', () => {
  it('answer as pdfmake 0.3.11 does: the item, its styles last first, the stack top down, extends, cycles', () => {
    getPdfmake();
    const StyleContextStack = lib('StyleContextStack');
    const dictionary = {
      heading: { fontSize: 14, extends: 'base' },
      base: { font: 'Sans', color: 'black', extends: ['loop', 'accent'] },
      accent: { color: 'red', bold: true },
      loop: { extends: 'heading' },
      quiet: { color: 'grey' },
    };
    const stack = new StyleContextStack(dictionary, { fontSize: 10, lineHeight: 1.2 });
    stack.push('heading');
    stack.push({ italics: true });
    const at = (item: object, property: string, fallback: unknown = null) =>
      StyleContextStack.getStyleProperty(item, stack, property, fallback);
    expect(at({}, 'fontSize')).toBe(14);
    expect(at({}, 'font')).toBe('Sans');
    expect(at({}, 'color')).toBe('black');
    expect(at({}, 'bold')).toBe(true);
    expect(at({}, 'italics')).toBe(true);
    expect(at({}, 'lineHeight')).toBe(1.2);
    expect(at({}, 'underline', 'none')).toBe('none');
    expect(at({ color: 'blue' }, 'color')).toBe('blue');
    expect(at({ style: 'quiet' }, 'color')).toBe('grey');
    expect(at({ style: ['quiet', 'accent'] }, 'color')).toBe('red');
    expect(at({ style: ['accent', 'quiet'] }, 'color')).toBe('grey');
    // A section's own styles are not pushed by pdfmake; nor is a string's.
    expect(at({ section: {}, style: 'quiet' }, 'color')).toBe('black');
    expect(stack.styleOverrides).toHaveLength(2);
  });
});
