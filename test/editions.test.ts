// State editions: the overlay operations on small sources, and the real editions read back.
import { readTagged, type StructNode } from './helpers/tagged.js';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/model/diagnostics.js';
import { loadSource } from '../src/editions/source.js';
import { resolveEdition } from '../src/editions/edition.js';
import { build } from '../src/pipeline/build.js';
import { plainText } from '../src/read/inline.js';
import { manifest, outFile } from './helpers/built.js';
import { readPdf } from './helpers/pdf.js';
import { docxText, readDocxParts } from './helpers/docx.js';

const project = process.cwd();
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** A copy of the project's source/ in a temp folder, with one extra edition. */
function projectWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-edition-'));
  cpSync(join(project, 'source'), join(dir, 'source'), { recursive: true });
  cpSync(join(project, 'templates'), join(dir, 'templates'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const SETTINGS = `association:\n  name: Example Association for Infant Mental Health\n  abbreviation: EX-AIMH\npublicationDate: 2026-01-15\ncopyrightLine: © MI-AIMH\n`;

function errorsOf(dir: string): string[] {
  try {
    loadSource(dir);
    return [];
  } catch (e) {
    if (e instanceof InputError) return e.messages;
    throw e;
  }
}

describe('overlay operations', () => {
  const temps: string[] = [];
  const make = (files: Record<string, string>) => {
    const d = projectWith(files);
    temps.push(d);
    return d;
  };
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('replaces a section, replaces and adds a competency, adds an area, removes by id', () => {
    const dir = make({
      'source/editions/example/edition.yaml':
        SETTINGS + 'remove:\n  - l1.communicating\n  - l2.thinking.considers-difficult-situations-carefully\n',
      'source/editions/example/level-1.md':
        '---\nlevel: 1\n---\n\n# Introduction {#l1.intro}\n\nThe Example introduction.\n\n# Competency Detail {#l1.detail}\n\n' +
        '## Thinking {#l1.thinking}\n\n### Competencies\n\n- Sees the whole picture {#l1.thinking.sees-and-can-explain-the}\n- Example added competency {#example.extra}\n\n' +
        '## Example Area {#example.l1.area}\n\n### Skill Areas\n\n- example skill\n\n### As Demonstrated By\n\n- Demonstrates the example\n',
    });
    const tree = loadSource(dir);
    const e = resolveEdition(
      tree,
      tree.editions.find((x) => x.id === 'example')!,
    );
    const l1 = e.guidelines.levels[0];
    expect(plainText(l1.intro.blocks[0].kind === 'paragraph' ? l1.intro.blocks[0].text : [])).toBe(
      'The Example introduction.',
    );
    const thinking = l1.detail.areas.find((a) => a.id === 'l1.thinking')!;
    const texts = thinking.groups.flatMap((g) => g.competencies.map((c) => plainText(c.text)));
    expect(texts[0]).toBe('Sees the whole picture');
    expect(texts).toContain('Example added competency');
    // The new area comes right after the area named before it in the override file.
    const ids = l1.detail.areas.map((a) => a.id);
    expect(ids.indexOf('example.l1.area')).toBe(ids.indexOf('l1.thinking') + 1);
    expect(ids).not.toContain('l1.communicating');
    const l2Thinking = e.guidelines.levels[1].detail.areas.find((a) => a.id === 'l2.thinking')!;
    expect(l2Thinking.groups[0].competencies.map((c) => c.id)).not.toContain(
      'l2.thinking.considers-difficult-situations-carefully',
    );
    expect(e.changes.map((c) => `${c.op} ${c.kind} ${c.id}`)).toEqual([
      'replace section l1.intro',
      'replace competency l1.thinking.sees-and-can-explain-the',
      'add competency example.extra',
      'add area example.l1.area',
      'remove area l1.communicating',
      'remove competency l2.thinking.considers-difficult-situations-carefully',
    ]);
    // The base itself is untouched.
    expect(tree.base.levels[0].detail.areas.map((a) => a.id)).toContain('l1.communicating');
  });

  it('takes no hidden folder for an edition (an interrupted import leaves .NAME.import-PID beside the editions)', () => {
    const dir = make({ 'source/editions/.example.import-123/edition.yaml': 'not: [valid' });
    expect(errorsOf(dir)).toEqual([]);
    expect(loadSource(dir).editions.map((e) => e.id)).not.toContain('.example.import-123');
  });

  it('names the file, line and id of an override aimed at an id that does not exist', () => {
    const dir = make({
      'source/editions/example/edition.yaml': SETTINGS + 'remove:\n  - l9.nothing\n',
      'source/editions/example/level-2.md':
        '---\nlevel: 2\n---\n\n# Competency Detail {#l2.detail}\n\n## Thinkin {#l2.thinkin}\n\n### Skill Areas\n\n- x\n\n### As Demonstrated By\n\n- y\n',
    });
    expect(errorsOf(dir)).toEqual([
      'source/editions/example/level-2.md:7:1: no area with id "l2.thinkin" in the base; expected one of l2.theoretical-foundations, l2.law-regulation-agency-policy, l2.systems-expertise, l2.direct-service-skills, l2.working-with-others, l2.communicating, …, or a new id starting with "example."',
      'source/editions/example/edition.yaml:7:5: nothing with id "l9.nothing" to remove; expected the id of an area, competency, section, Impact Map or glossary entry',
    ]);
  });

  it('prints a logo from the edition folder on the cover, and refuses a file that is not PNG or JPEG', async () => {
    const logo = readFileSync(join(project, 'test', 'fixtures', 'logo', 'logo.png'));
    const dir = make({ 'source/editions/example/edition.yaml': SETTINGS + 'logo: logo.png\nlevels: [1]\n' });
    writeFileSync(join(dir, 'source/editions/example/logo.png'), logo);
    const first = await build({ project: dir, editions: ['example'] });
    const pdf = readFileSync(join(dir, 'out', 'example', 'competency-guidelines.pdf'));
    expect(pdf.includes('/Subtype /Image')).toBe(true);
    // The logo is a Figure with its alternative text in the tagged PDF, and passes every check.
    const tagged = await readTagged(join(dir, 'out', 'example', 'competency-guidelines.pdf'));
    expect(tagged.problems).toEqual([]);
    const figures = (function find(n: StructNode): StructNode[] {
      return [...(n.role === 'Figure' ? [n] : []), ...n.kids.flatMap(find)];
    })(tagged.root!);
    expect(figures.map((f) => f.alt)).toEqual([expect.stringContaining('logo')]);
    const docx = readDocxParts(join(dir, 'out', 'example', 'competency-guidelines.docx'));
    expect(Object.keys(docx).some((n) => n.startsWith('word/media/') && n.endsWith('.png'))).toBe(true);
    // Same sources, same bytes, with an image too.
    const again = await build({ project: dir, editions: ['example'], force: true });
    expect(again.manifest.map((f) => f.sha256)).toEqual(first.manifest.map((f) => f.sha256));
    writeFileSync(
      join(dir, 'source/editions/example/logo.png'),
      readFileSync(join(project, 'test', 'fixtures', 'logo', 'not-an-image.png')),
    );
    expect(errorsOf(dir)).toEqual([
      'source/editions/example/edition.yaml:6:7: the logo "logo.png" is not a PNG or JPEG image; expected a PNG or JPEG file (export it again as PNG)',
    ]);
  });

  it('builds a minimal new edition made in a temporary folder', async () => {
    const dir = make({ 'source/editions/example/edition.yaml': SETTINGS });
    const result = await build({ project: dir, editions: ['example'] });
    const pdf = await readPdf(join(dir, 'out', 'example', 'competency-guidelines.pdf'));
    expect(pdf.info.Author).toBe('Example Association for Infant Mental Health');
    expect(pdf.pages[0].text).toContain('Example Association for Infant Mental Health');
    expect(
      result.manifest
        .filter((f) => f.kind !== 'web')
        .map((f) => f.path)
        .sort(),
    ).toEqual([
      'example/competency-guidelines-print.pdf',
      'example/competency-guidelines.docx',
      'example/competency-guidelines.pdf',
      ...[1, 2, 3, 4].flatMap((n) => [`example/packet-level-${n}.docx`, `example/packet-level-${n}.pdf`]),
      'example/report.md',
    ]);
    expect(result.manifest.some((f) => f.path === 'example/web/index.html')).toBe(true);
  });
});

describe('the state editions, read back', () => {
  const text: Record<string, { pdf: string; docx: string }> = {};
  beforeAll(async () => {
    for (const id of ['michigan', 'texas', 'new-mexico', 'michigan-revised']) {
      const pdf = await readPdf(outFile(id, 'competency-guidelines.pdf'));
      const docx = readDocxParts(outFile(id, 'competency-guidelines.docx'));
      text[id] = { pdf: squash(pdf.text), docx: squash(docxText(docx['word/document.xml'])) };
    }
  });

  it('lists booklets and a report for every edition in the manifest', () => {
    const m = manifest().files;
    for (const id of ['michigan', 'texas', 'new-mexico', 'michigan-revised']) {
      expect(
        m
          .filter((f) => f.edition === id && f.kind !== 'packet' && f.kind !== 'web')
          .map((f) => `${f.kind}/${f.format}`)
          .sort(),
      ).toEqual(['booklet/docx', 'booklet/pdf', 'print/pdf', 'report/md']);
      // The web edition: a start page, a page per level and part, its styles, fonts and search index.
      const web = m.filter((f) => f.edition === id && f.kind === 'web').map((f) => f.path);
      expect(web).toEqual(
        expect.arrayContaining([
          `${id}/web/index.html`,
          `${id}/web/l1.html`,
          `${id}/web/l4.html`,
          `${id}/web/glossary.html`,
          `${id}/web/style.css`,
          `${id}/web/search.html`,
          `${id}/web/search-index.js`,
        ]),
      );
    }
  });

  it("Texas names TAIMH and prints its own text, and none of New Mexico's", () => {
    for (const t of [text.texas.pdf, text.texas.docx]) {
      expect(t).toContain('Texas Association for Infant Mental Health');
      expect(t).toContain(
        'The Level 4 Competency Guidelines were developed by the Texas Association for Infant Mental Health',
      );
      expect(t).toContain('Speaking/Bilingual Interpreters');
      expect(t).not.toContain('New Mexico');
    }
  });

  it('New Mexico prints its Level 2 introduction and its requirements table', async () => {
    for (const t of [text['new-mexico'].pdf, text['new-mexico'].docx]) {
      expect(t).toContain('adopted by the New Mexico Association for Infant Mental Health');
      expect(t).toContain('30 clock hours of relationship-based education and training');
      expect(t).not.toContain('Texas');
    }
    const doc = readDocxParts(outFile('new-mexico', 'competency-guidelines.docx'))['word/document.xml'];
    const table = doc.split('<w:tbl>').find((t) => t.includes('30 clock hours'))!;
    expect(table).toContain('<w:tblHeader');
    expect(docxText(table)).toContain('Reflective Supervision/Consultation');
  });

  it("Michigan carries neither state's text; the revision carries 000's Level 3", () => {
    for (const t of [text.michigan.pdf, text.michigan.docx]) {
      expect(t).not.toContain('Texas');
      expect(t).not.toContain('New Mexico');
      expect(t).not.toContain('Recognizes and responds appropriately to parallel process');
    }
    for (const t of [text['michigan-revised'].pdf, text['michigan-revised'].docx])
      expect(t).toContain('Recognizes and responds appropriately to parallel process');
  });

  it('reports real differences and what each edition lacks', () => {
    const report = readFileSync(outFile('texas', 'report.md'), 'utf8');
    expect(report).toContain(
      'The Level ~~IV~~**4** Competency Guidelines were developed by the ~~Michigan~~**Texas** Association',
    );
    expect(report).toContain('Added impact map “Level 3 Impact Map”');
    expect(report).toContain('- Level 1 Impact Map: not in the source texts');
    expect(report).not.toContain('Level 3 Impact Map: not in the source texts');
    const nm = readFileSync(outFile('new-mexico', 'report.md'), 'utf8');
    expect(nm).toContain('Added section “Endorsement Requirements”');
  });
});
