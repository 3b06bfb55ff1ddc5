// Tagged PDF/UA-1: every booklet and level packet of the test build is read back (pdf-lib for the structure and
// the dictionaries, pdfjs-dist for the content streams) and checked as test/helpers/tagged.ts describes.
import { beforeAll, describe, expect, it } from 'vitest';
import { composeBooklet } from '../src/compose/booklet.js';
import { resolveEdition } from '../src/editions/edition.js';
import { loadSource } from '../src/read/source.js';
import { outFile } from './helpers/built.js';
import { readTagged, roles, structureText, type StructNode, type TaggedPdf } from './helpers/tagged.js';
import { missingInOrder } from './helpers/tree-text.js';

const EDITIONS = ['michigan', 'michigan-revised', 'texas', 'new-mexico'];
const files = EDITIONS.flatMap((e) => [`${e}/competency-guidelines.pdf`, ...[1, 2, 3, 4].map((l) => `${e}/packet-level-${l}.pdf`)]);

const MICHIGAN = 'michigan/competency-guidelines.pdf';
/** Each file read once; the Michigan booklet with its marked text, which the second group of tests reads. */
const reads = new Map<string, Promise<TaggedPdf>>();
function read(file: string): Promise<TaggedPdf> {
  if (!reads.has(file)) reads.set(file, readTagged(outFile(file), { withText: file === MICHIGAN }));
  return reads.get(file)!;
}

function find(n: StructNode, role: string): StructNode[] {
  return [...(n.role === role ? [n] : []), ...n.kids.flatMap((k) => find(k, role))];
}

describe('every booklet and level packet is tagged PDF/UA-1', () => {
  for (const file of files) {
    it(`${file} passes the structure, content and document checks`, async () => {
      const pdf = await read(file);
      expect(pdf.problems).toEqual([]);
      expect(pdf.lang).toBe('en-US');
      expect(pdf.root).not.toBeNull();
    });
  }
});

describe('the Michigan booklet reads like the booklet', () => {
  let pdf: TaggedPdf;
  let doc: ReturnType<typeof composeBooklet>;
  beforeAll(async () => {
    pdf = await read(MICHIGAN);
    const tree = loadSource(process.cwd());
    const e = resolveEdition(tree, tree.editions.find((s) => s.id === 'michigan')!);
    doc = composeBooklet(e.id, e.settings, e.guidelines, e.logo);
  });

  it('has every text of the document tree in the structure, in reading order', () => {
    expect(missingInOrder(doc, structureText(pdf), true)).toEqual([]);
  });

  it('leaves the running heads and folios out of the structure (Artifacts)', () => {
    const { headerLine, footerLine } = doc.furniture;
    const text = structureText(pdf);
    // Printed on every body page; in the structure at most where the text itself says it (the cover, a heading).
    for (const line of [headerLine, footerLine].filter(Boolean)) expect(text.split(line).length - 1, line).toBeLessThan(3);
  });

  it('tags level titles H1, sections H2, areas H3; the contents as TOC entries with links; tables with header cells', () => {
    const root = pdf.root!;
    const h1 = find(root, 'H1');
    expect(h1.length).toBeGreaterThanOrEqual(6);
    const tocs = find(root, 'TOC');
    expect(tocs).toHaveLength(1);
    const entries = find(tocs[0], 'TOCI');
    expect(entries.length).toBeGreaterThan(40);
    for (const e of entries) expect(e.kids.map((k) => k.role)).toEqual(['Link', 'Link']);
    const tables = find(root, 'Table');
    expect(tables.length).toBeGreaterThanOrEqual(4);
    const detail = tables[0];
    expect(detail.kids[0].kids.map((c) => [c.role, c.scope])).toEqual([
      ['TH', 'Column'],
      ['TH', 'Column'],
    ]);
    // An area: its name (H3) in a row header, its competencies in one cell however many pages they run over.
    const area = detail.kids[1];
    expect(area.kids.map((c) => [c.role, c.scope ?? null])).toEqual([
      ['TH', 'Row'],
      ['TD', null],
    ]);
    expect(area.kids[0].kids[0].role).toBe('H3');
    expect(find(area.kids[1], 'LI').length).toBeGreaterThan(3);
  });

  it('gives the Impact Map as its columns in order, each a heading and its list', () => {
    const maps = find(pdf.root!, 'H2').filter((h) => /Impact Map/.test(structureText({ ...pdf, root: h })));
    expect(maps.length).toBeGreaterThan(0);
    const all = roles(pdf.root!);
    const at = all.indexOf('Div');
    expect(at).toBeGreaterThan(0);
    const div = find(pdf.root!, 'Div').find((d) => d.kids.length >= 4 && d.kids.every((k) => k.role === 'Sect'))!;
    expect(div).toBeTruthy();
    for (const column of div.kids) expect(column.kids[0].role).toBe('H3');
  });
});

describe('what is not tagged does not claim to be', () => {
  it('the print PDF keeps the screen PDF structure and its marks are Artifacts', async () => {
    const pdf = await readTagged(outFile('michigan/competency-guidelines-print.pdf'));
    expect(pdf.problems).toEqual([]);
  });
});
