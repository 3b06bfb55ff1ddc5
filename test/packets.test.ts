// Application packets: per level and edition from the build, and personalized ones from a roster.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergePackets, type MergeResult } from '../src/mailmerge/merge.js';
import { readRoster, RosterError, packetFileName } from '../src/mailmerge/roster.js';
import { loadSource } from '../src/editions/source.js';
import { resolveEdition } from '../src/editions/edition.js';
import { manifest, outFile } from './helpers/built.js';
import { readPdf, openPdf } from './helpers/pdf.js';
import { docxText, readDocxParts } from './helpers/docx.js';
import { readTagged, structureText } from './helpers/tagged.js';
import { parse as parseYaml } from 'yaml';

const squash = (s: string) => s.replace(/\s+/g, ' ');
const fixtures = join(process.cwd(), 'test', 'fixtures', 'roster');

async function fieldNames(path: string): Promise<string[]> {
  const doc = await openPdf(new Uint8Array(readFileSync(path)));
  const fields = await doc.getFieldObjects();
  await doc.loadingTask.destroy();
  return [...(fields?.keys() ?? [])];
}

describe('level packets from the build', () => {
  it('makes 4 level packets for every edition, in PDF and Word', () => {
    const packets = manifest().files.filter((f) => f.kind === 'packet');
    for (const edition of ['michigan', 'michigan-revised', 'new-mexico', 'texas']) {
      for (const level of [1, 2, 3, 4]) {
        expect(
          packets
            .filter((f) => f.edition === edition && f.level === level)
            .map((f) => f.format)
            .sort(),
          `${edition} ${level}`,
        ).toEqual(['docx', 'pdf']);
      }
    }
  });

  it('New Mexico Level 2 has its requirements table, the portfolio checklist and fillable forms', async () => {
    const path = outFile('new-mexico', 'packet-level-2.pdf');
    const text = squash((await readPdf(path)).text);
    expect(text).toContain('30 clock hours of relationship-based education and training');
    expect(text).toContain('Three professional reference ratings');
    expect(text).toContain('Application for Endorsement at Level 2');
    const names = await fieldNames(path);
    // Every form's fields and every log's grid (a field per row and column), as templates/packet.yaml lays them out,
    // read here by the test's own reading of the template.
    const template = parseYaml(readFileSync('templates/packet.yaml', 'utf8')) as {
      forms: Record<string, { rows: number | { name: string }[][]; columns?: { label: string }[] }>;
    };
    const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    for (const [key, form] of Object.entries(template.forms)) {
      const prefix = `packet_l2_${snake(key)}_`;
      if (form.columns) {
        const grid = Array.from({ length: form.rows as number }, (_, r) =>
          form.columns!.map((c) => `${prefix}r${r + 1}_${c.label.replace(/\s+/g, '_')}`),
        ).flat();
        expect(
          names.filter((n) => n.startsWith(prefix)),
          key,
        ).toEqual(grid);
      } else {
        // (A field the packet fills in itself, the level applied for, is printed, not a field.)
        const fields = (form.rows as { name: string }[][])
          .flat()
          .map((f) => `${prefix}${f.name}`)
          .filter((n) => !n.endsWith('_ref_level'));
        // The application form ends with the read-only packet id that matches a returned packet to its applicant.
        if (key === 'application') fields.push(`${prefix}packet_id`);
        expect(
          names.filter((n) => n.startsWith(prefix)),
          key,
        ).toEqual(fields);
      }
    }
    const docx = squash(docxText(readDocxParts(outFile('new-mexico', 'packet-level-2.docx'))['word/document.xml']));
    expect(docx).toContain('30 clock hours of relationship-based education and training');
  });

  it('a Level 1 packet carries Level 1 only, and no written exam', async () => {
    const text = squash((await readPdf(outFile('michigan', 'packet-level-1.pdf'))).text);
    expect(text).toContain('Level 1: Infant Family Associate');
    // (The glossary, which every packet carries, does name all four levels.)
    for (const other of [
      'Leading People',
      'Research and Evaluation',
      'Level 4 Impact Map',
      'Level 4: Infant Mental Health Mentor',
      'Skill Areas listening speaking writing group process',
    ])
      expect(text).not.toContain(other);
    expect(text).not.toContain('The written exam is a 3-hour exam');
    const l3 = squash((await readPdf(outFile('michigan', 'packet-level-3.pdf'))).text);
    expect(l3).toContain('The written exam is a 3-hour exam offered twice a year');
  });

  it('leaves a blank for settings the edition lacks, and the report says so', async () => {
    const report = readFileSync(outFile('texas', 'report.md'), 'utf8');
    expect(report).toContain('- `applicationDeadline`');
    // Texas gives no deadline, fee or office address: the packet prints each label with a line to write on.
    const pdf = (await readPdf(outFile('texas', 'packet-level-2.pdf'))).text;
    const word = docxText(readDocxParts(outFile('texas', 'packet-level-2.docx'))['word/document.xml']);
    for (const text of [pdf, word]) {
      for (const label of ['Address', 'Application fee', 'Application deadline'])
        expect(text).toMatch(new RegExp(`${label}: _{10,}`));
    }
    // Michigan gives no deadline either.
    expect((await readPdf(outFile('michigan', 'packet-level-2.pdf'))).text).toMatch(/Application deadline: _{10,}/);
  });
});

describe('personalized packets from a roster', () => {
  let out: string;
  let result: MergeResult;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cg-roster-'));
    result = await mergePackets({ project: process.cwd(), roster: join(fixtures, 'applicants.csv'), outDir: out });
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('names every bad row by its line and makes every good one', () => {
    expect(result.rejected.map((r) => r.message)).toEqual(
      readFileSync(join(fixtures, 'expected.txt'), 'utf8').trim().split('\n'),
    );
    expect(result.made.map((m) => [m.line, m.edition, m.level])).toEqual([
      [2, 'new-mexico', 2],
      [3, 'michigan', 1],
      [9, 'michigan-revised', 3],
    ]);
  });

  it('addresses the letter and fills the application with the applicant, accents intact', async () => {
    const made = result.made[0];
    const pdf = await readPdf(join(out, made.pdf));
    const first = pdf.pages[0].text;
    expect(first).toContain("José Núñez-O'Brien");
    expect(first).toContain('12 Calle Ñandú, Apt 3');
    expect(first).toContain('Santa Fe, NM 87501');
    const text = squash(pdf.text);
    expect(text).toContain('New Mexico Association for Infant Mental Health');
    expect(text).toContain('Application for Endorsement at Level 2');
    expect(text).toContain('jose@example.org');
    expect(text).toContain('30 clock hours');
    const docx = squash(docxText(readDocxParts(join(out, made.docx))['word/document.xml']));
    expect(docx).toContain("José Núñez-O'Brien");
    expect(docx).toContain('jose@example.org');
  });

  it('carries the roster line and the applicant in a read-only packet id, in the PDF and the Word packet alike', async () => {
    const id = "edition=new-mexico; level=2; line=2; applicant=José Núñez-O'Brien";
    const doc = await openPdf(new Uint8Array(readFileSync(join(out, result.made[0].pdf))));
    let field: { fieldValue?: string; readOnly?: boolean } | undefined;
    for (let p = 1; p <= doc.numPages && !field; p++)
      field = (await (await doc.getPage(p)).getAnnotations()).find(
        (a) => a.fieldName === 'packet_l2_application_packet_id',
      );
    await doc.loadingTask.destroy();
    expect(field?.fieldValue).toBe(id);
    expect(field?.readOnly).toBe(true);
    const xml = readDocxParts(join(out, result.made[0].docx))['word/document.xml'];
    expect(xml).toMatch(
      /<w:tag w:val="packet_l2_application_packet_id"\/><w:lock w:val="sdtContentLocked"\/><w:text\/><\/w:sdtPr><w:sdtContent>(?:(?!<\/w:sdtContent>).)*Núñez-O&apos;Brien|<w:tag w:val="packet_l2_application_packet_id"\/><w:lock w:val="sdtContentLocked"\/><w:text\/><\/w:sdtPr><w:sdtContent>(?:(?!<\/w:sdtContent>).)*Núñez-O'Brien/,
    );
    expect(docxText(xml)).toContain('edition=new-mexico; level=2; line=2; applicant=');
  });

  it('gives safe, unique file names however odd the names', () => {
    expect(result.made.map((m) => m.pdf)).toEqual([
      'line-0002-nunez-o-brien-jose.pdf',
      'line-0003-smith-ann.pdf',
      'line-0009-smith-ann.pdf',
    ]);
    expect(packetFileName({ line: 12, first_name: '../../etc', last_name: '名前' } as never)).toBe('line-0012-etc');
  });

  it('joins all packets for duplex printing, each starting on a right-hand page', async () => {
    const combined = await readPdf(join(out, 'all-packets-001.pdf'));
    let start = 0;
    for (const m of result.made) {
      expect(start % 2, m.name).toBe(0);
      expect(combined.pages[start].text).toContain(m.name);
      start += m.pages + (m.pages % 2);
    }
    expect(combined.pages.length).toBe(start);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.made).toHaveLength(3);
    expect(summary.rejected).toHaveLength(4);
  });

  it('keeps each personalized packet tagged: letter and filled form in the one structure tree, then the shared packet', async () => {
    const read = [];
    for (const m of result.made) {
      const pdf = await readTagged(join(out, m.pdf), { withText: true });
      read.push(pdf);
      expect(pdf.problems, m.pdf).toEqual([]);
      const sections = pdf.root!.kids;
      // The letter first: its letterhead, the applicant's name and address lines as their own paragraphs.
      const letter = structureText({ ...pdf, root: sections[0] });
      expect(letter).toContain(m.name);
      expect(sections[0].kids[0].role).toBe('H1');
      // Then the filled form, then the shared packet's cover.
      expect(sections.length).toBeGreaterThan(4);
    }
    const words = structureText(read[0]);
    expect(words).toContain('12 Calle Ñandú, Apt 3');
    expect(words).toContain('Santa Fe, NM 87501');
  });

  it('does not claim the combined print file is tagged', async () => {
    const combined = await readTagged(join(out, 'all-packets-001.pdf'));
    expect(combined.marked).toBe(false);
    expect(combined.root).toBeNull();
    // Untagged is what a tagging check reports, and all it reports: nothing claims otherwise.
    expect(combined.problems).toEqual([
      'no /StructTreeRoot: the file is not tagged (Matterhorn 01-004)',
      'no /MarkInfo /Marked true (Matterhorn 01-002)',
    ]);
  });

  it('refuses a roster that is missing, not CSV, or lacks columns, in one line', async () => {
    const tree = loadSource(process.cwd());
    const editions = new Map(tree.editions.map((s) => [s.id, resolveEdition(tree, s)]));
    const dir = mkdtempSync(join(tmpdir(), 'cg-bad-roster-'));
    try {
      await expect(readRoster(join(dir, 'nope.csv'), editions)).rejects.toThrow(
        'nope.csv: cannot read the roster (ENOENT); expected a CSV file exported from a spreadsheet, or an .xlsx workbook',
      );
      writeFileSync(join(dir, 'photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
      await expect(readRoster(join(dir, 'photo.csv'), editions)).rejects.toThrow(RosterError);
      writeFileSync(join(dir, 'short.csv'), 'first_name,last_name\nA,B\n');
      await expect(readRoster(join(dir, 'short.csv'), editions)).rejects.toThrow(
        'short.csv line 1: the header lacks address_line1, city, state, postal_code, email, edition, level',
      );
      writeFileSync(
        join(dir, 'quote.csv'),
        'first_name,last_name,address_line1,city,state,postal_code,email,edition,level\n"A,B,1 St,X,MI,1,a@b.org,michigan,1\n',
      );
      await expect(readRoster(join(dir, 'quote.csv'), editions)).rejects.toThrow(/^quote\.csv line \d+: not valid CSV/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
