// Tagged PDF/UA-1: every booklet and level packet of the test build is read back (pdf-lib for the structure and
// the dictionaries, pdfjs-dist for the content streams) and checked as test/helpers/tagged.ts describes.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { outFile } from './helpers/built.js';
import { expectedEditions, levelTexts, missingInOrder, withoutCodes } from './helpers/expected.js';
import { readTagged, roles, structureText, type StructNode, type TaggedPdf } from './helpers/tagged.js';

const EDITIONS = ['michigan', 'michigan-revised', 'texas', 'new-mexico'];
const files = EDITIONS.flatMap((e) => [
  `${e}/competency-guidelines.pdf`,
  ...[1, 2, 3, 4].map((l) => `${e}/packet-level-${l}.pdf`),
]);

const MICHIGAN = 'michigan/competency-guidelines.pdf';
/** Each file read once; the booklets of WITH_TEXT with their marked text, which the later tests read. */
const reads = new Map<string, Promise<TaggedPdf>>();
function read(file: string): Promise<TaggedPdf> {
  if (!reads.has(file))
    reads.set(
      file,
      readTagged(outFile(file), { withText: WITH_TEXT.some((id) => file === `${id}/competency-guidelines.pdf`) }),
    );
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

/** The booklets read with their marked text: the structure and reading-order tests below. */
const WITH_TEXT = ['michigan', 'texas'];
const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');
const textOf = (pdf: TaggedPdf, n: StructNode) => structureText({ ...pdf, root: n });
const expected = expectedEditions();

for (const id of WITH_TEXT) {
  describe(`the ${id} booklet's structure says what source/ says`, () => {
    const edition = expected.get(id)!;
    let pdf: TaggedPdf;
    beforeAll(async () => {
      pdf = await read(`${id}/competency-guidelines.pdf`);
    });
    /** The Sect of a level: the one whose first heading is "Level N: title". */
    const levelSect = (level: number) =>
      pdf.root!.kids.find(
        (s) => s.kids[0] && /^H\d$/.test(s.kids[0].role) && textOf(pdf, s.kids[0]).startsWith(`Level ${level}:`),
      )!;

    it('has every level title, area, competency, Impact Map column and item, and glossary term, in reading order', () => {
      const texts = [
        ...edition.levels.flatMap((l) => [
          ...levelTexts(l).filter((t) => !l.impactMap?.columns.some((c) => c.title === t)),
          ...(l.impactMap?.columns.flatMap((c) => [c.title, ...c.items.map(withoutCodes)]) ?? []),
        ]),
        ...edition.glossary,
      ];
      expect(texts.length).toBeGreaterThan(400);
      expect(missingInOrder(texts, structureText(pdf))).toEqual([]);
    });

    it('leaves the running heads and folios out of the structure (Artifacts)', () => {
      const settings = parseYaml(readFileSync(join('source', 'editions', id, 'edition.yaml'), 'utf8')) as {
        association: { abbreviation: string };
        title: string;
        copyrightLine: string;
      };
      const text = structureText(pdf);
      // Printed on every body page; in the structure at most where the text itself says it (the cover, a heading).
      for (const line of [`${settings.association.abbreviation} ${settings.title}`, settings.copyrightLine])
        expect(text.split(line).length - 1, line).toBeLessThan(3);
    });

    it('starts with an H1 and gives each level its headings at their levels: H1 level, H2 parts, H3 areas and map columns', () => {
      const first = find(pdf.root!, 'H1')[0];
      expect(roles(pdf.root!).find((r) => /^H\d$/.test(r))).toBe('H1');
      expect(textOf(pdf, first)).toBeTruthy();
      for (const l of edition.levels) {
        const sect = levelSect(l.level);
        expect(sect, `Level ${l.level}`).toBeTruthy();
        const headings = roles(sect)
          .map((r, i) => [r, i] as const)
          .filter(([r]) => /^H\d$/.test(r));
        const nodes = (function all(n: StructNode): StructNode[] {
          return [n, ...n.kids.flatMap(all)];
        })(sect);
        const got = headings.map(([r, i]) => `${r} ${squash(textOf(pdf, nodes[i]))}`);
        const want = [
          `H1 Level ${l.level}: ${l.title}`,
          'H2 Introduction',
          'H2 Competency Detail',
          ...l.areas.map((a) => `H3 ${a.name}`),
          ...(l.impactMap
            ? [`H2 Level ${l.level} Impact Map`, ...l.impactMap.columns.map((c) => `H3 ${c.title}`)]
            : []),
        ].map((h) => h.replace(/ (.*)$/, (_, t: string) => ` ${squash(t)}`));
        // An edition's own parts (its Endorsement Requirements) sit between; the rest is exactly this, in order.
        expect(got.filter((h) => want.includes(h))).toEqual(want);
        expect(got[0]).toBe(want[0]);
      }
    });

    it('gives each area its own row of the Competency Detail: its name and Knowledge Areas in the row header, its competencies in the cell', () => {
      for (const l of edition.levels) {
        const table = find(levelSect(l.level), 'Table')[0];
        expect(table.kids[0].kids.map((c) => [c.role, c.scope, squash(textOf(pdf, c))])).toEqual([
          ['TH', 'Column', 'AreaofExpertise'],
          ['TH', 'Column', 'AsDemonstratedBy'],
        ]);
        const rows = table.kids.slice(1);
        expect(
          rows.map((r) => squash(textOf(pdf, find(r, 'H3')[0] ?? r))),
          `Level ${l.level}`,
        ).toEqual(l.areas.map((a) => squash(a.name)));
        rows.forEach((row, i) => {
          const area = l.areas[i];
          expect(row.kids.map((c) => [c.role, c.scope ?? null])).toEqual([
            ['TH', 'Row'],
            ['TD', null],
          ]);
          expect(row.kids[0].kids[0].role, area.name).toBe('H3');
          expect(missingInOrder(area.areas, textOf(pdf, row.kids[0])), area.name).toEqual([]);
          const cell = textOf(pdf, row.kids[1]);
          expect(missingInOrder(area.competencies.map(withoutCodes), cell), area.name).toEqual([]);
          // Each competency is a list item of this cell, not text that runs on from the row before.
          expect(find(row.kids[1], 'LI').length, area.name).toBe(area.competencies.length);
        });
      }
    });

    it('gives each Impact Map as its columns in order, each a heading with its exact title and then its items', () => {
      for (const l of edition.levels.filter((x) => x.impactMap)) {
        const sect = levelSect(l.level);
        const map = find(sect, 'Div').find((d) => d.kids.length && d.kids.every((k) => k.role === 'Sect'));
        expect(map, `Level ${l.level}`).toBeTruthy();
        expect(map!.kids.map((c) => [c.kids[0].role, squash(textOf(pdf, c.kids[0]))])).toEqual(
          l.impactMap!.columns.map((c) => ['H3', squash(c.title)]),
        );
        map!.kids.forEach((column, i) =>
          expect(
            missingInOrder(l.impactMap!.columns[i].items.map(withoutCodes), textOf(pdf, column)),
            l.impactMap!.columns[i].title,
          ).toEqual([]),
        );
      }
    });
  });
}

/** A structure tree without what a second rendering may number otherwise: roles, attributes, children, content. */
function shape(n: StructNode): unknown {
  return {
    role: n.role,
    scope: n.scope,
    numbering: n.numbering,
    alt: n.alt,
    content: n.content.map((c) => ('mcid' in c ? `${c.page}:${c.mcid}` : `${c.page}:annot`)),
    kids: n.kids.map(shape),
  };
}

describe('the print PDF is tagged like the screen PDF', () => {
  it('has a structure tree and MarkInfo, passes every check, and its structure equals the screen PDF structure', async () => {
    const print = await readTagged(outFile('michigan/competency-guidelines-print.pdf'));
    expect(print.problems).toEqual([]);
    expect(print.marked).toBe(true);
    expect(print.root).not.toBeNull();
    const screen = await read(MICHIGAN);
    expect(print.pageCount).toBe(screen.pageCount);
    expect(shape(print.root!)).toEqual(shape(screen.root!));
  });
});
