// The Word writer on a candidate's application packet: the letter before the cover, checklists, forms and logs,
// read back from the .docx's own XML.
import { writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Document, Run } from '../src/compose/tree.js';
import { writeDocx as writeBookletDocx } from '../src/write/docx/write-docx.js';

const t = (text: string, style: Partial<Run> = {}): Run[] => [{ text, ...style }];

const packet: Document = {
  editionId: 'example',
  kind: 'packet',
  level: 2,
  meta: {
    title: 'EX-AIMH Endorsement Application Packet: Level 2',
    author: 'Example Association for Infant Mental Health',
    subject: 'Application packet for Endorsement at Level 2',
    keywords: 'infant mental health, endorsement, application',
    language: 'en-US',
    date: '2024-03-15',
  },
  page: { size: 'LETTER', twoSided: true, padToMultipleOf4: false },
  accent: '#1f4e79',
  furniture: { footerLine: '© 2024 EX-AIMH', headerLine: 'EX-AIMH Application Packet' },
  parts: [
    {
      kind: 'loose',
      blocks: [
        {
          kind: 'letter',
          letterhead: 'Example Association for Infant Mental Health',
          date: 'March 15, 2024',
          address: ["José Núñez-O'Brien", '1200 Calle del Río, Apt. 4', 'Lansing, MI 48912'],
          salutation: "Dear José Núñez-O'Brien:",
          paragraphs: [
            t(
              'Thank you for applying for Endorsement at Level 2 (Infant Family Specialist). This packet holds everything you need to prepare your portfolio.',
            ),
            [{ text: 'Please return the ' }, { text: 'completed forms', bold: true }, { text: ' within 90 days.' }],
          ],
          closing: ['Sincerely,', 'María Pérez', 'Endorsement Coordinator'],
        },
      ],
    },
    {
      kind: 'cover',
      association: 'Example Association for Infant Mental Health',
      abbreviation: 'EX-AIMH',
      title: 'Endorsement Application Packet',
      subtitle: 'Level 2: Infant Family Specialist',
      editionLine: 'Prepared for José Núñez-O’Brien',
      dateLine: 'March 2024',
      color: '#1f4e79',
    },
    {
      kind: 'copyright',
      blocks: [
        { kind: 'paragraph', role: 'small', runs: t('© 2024 EX-AIMH') },
        { kind: 'paragraph', role: 'small', runs: t('Printed under license from MI-AIMH.') },
      ],
    },
    {
      kind: 'contents',
      title: 'Contents',
      entries: [
        { level: 1, id: 'checklist', text: 'Your Checklist' },
        { level: 2, id: 'form.applicant', text: 'Applicant Information' },
        { level: 1, id: 'training', text: 'In-service Training' },
        { level: 2, id: 'log.training', text: 'In-service Training Log' },
      ],
    },
    {
      kind: 'chapter',
      id: 'checklist',
      title: 'Your Checklist',
      runningHead: 'Checklist',
      blocks: [
        { kind: 'heading', level: 1, id: 'checklist', text: 'Your Checklist', toc: true },
        {
          kind: 'checklist',
          id: 'checklist.items',
          items: [
            t('Membership in EX-AIMH or an infant mental health association in another state'),
            [
              { text: 'Official transcripts', bold: true },
              { text: ' for all college courses, degrees and certificates' },
            ],
            t('Three professional reference ratings'),
            t('Signed Code of Ethics and Endorsement Agreement'),
          ],
        },
        { kind: 'pageBreak' },
        { kind: 'heading', level: 2, id: 'form.applicant', text: 'Applicant Information', toc: true },
        {
          kind: 'form',
          id: 'form.applicant',
          intro: [t('Please type or print clearly.')],
          rows: [
            [
              { name: 'name', label: 'Full name', kind: 'text', width: 0.6, value: "José Núñez-O'Brien" },
              { name: 'date', label: 'Date', kind: 'date', width: 0.4 },
            ],
            [
              { name: 'address', label: 'Mailing address', kind: 'text', width: 0.7 },
              { name: 'member', label: 'Current member', kind: 'checkbox', width: 0.3, value: 'yes' },
            ],
            [{ name: 'goals', label: 'Professional goals', kind: 'multiline', width: 1 }],
            [
              { name: 'signature', label: 'Signature', kind: 'signature', width: 0.7 },
              { name: 'signed', label: 'Date signed', kind: 'date', width: 0.3 },
            ],
          ],
        },
      ],
    },
    {
      kind: 'chapter',
      id: 'training',
      title: 'In-service Training',
      runningHead: 'Training Log',
      blocks: [
        { kind: 'heading', level: 1, id: 'training', text: 'In-service Training', toc: true },
        { kind: 'heading', level: 2, id: 'log.training', text: 'In-service Training Log', toc: true },
        {
          kind: 'log',
          id: 'log.training',
          intro: [t('List every training relevant to culturally sensitive, relationship-based practice.')],
          columns: [
            { label: 'Date', width: 0.15 },
            { label: 'Title of training', width: 0.45 },
            { label: 'Sponsor', width: 0.25 },
            { label: 'Hours', width: 0.15 },
          ],
          rows: 5,
        },
        {
          kind: 'letter',
          letterhead: 'Example Association for Infant Mental Health',
          date: 'March 15, 2024',
          address: [],
          salutation: 'To every candidate:',
          paragraphs: [t('Keep a copy of everything you send.')],
          closing: ['With best wishes,', 'The Endorsement Committee'],
        },
      ],
    },
  ],
};

type Parts = Record<string, string>;
function partsOf(bytes: Uint8Array): Parts {
  const out: Parts = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
const tables = (xml: string) => [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/g)].map((m) => m[0]);
const sections = (xml: string) => [...xml.matchAll(/<w:sectPr\b.*?<\/w:sectPr>/g)].map((m) => m[0]);
/** The body split into sections: a section's properties sit in its last paragraph, before that paragraph's runs. */
function sectionBodies(xml: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let at = xml.indexOf('</w:sectPr>'); at >= 0; at = xml.indexOf('</w:sectPr>', at + 1)) {
    const end = xml.indexOf('</w:p>', at);
    if (end < 0) break;
    out.push(xml.slice(start, end));
    start = end;
  }
  out.push(xml.slice(start));
  return out;
}

const bytes = await writeBookletDocx(packet);
const parts = partsOf(bytes);
const doc = parts['word/document.xml'];
// DOCX_PREVIEW=/tmp/packet.docx npx vitest run test/docx-packet.test.ts keeps the file, to open it and look.
if (process.env.DOCX_PREVIEW) writeFileSync(process.env.DOCX_PREVIEW, bytes);

describe('writeBookletDocx on a packet', () => {
  it('opens with the letter, its address in a frame where a #10 window envelope shows it', () => {
    const firstSection = sectionBodies(doc)[0];
    const text = unescape(textOf(firstSection));
    expect(text).toMatch(/^Example Association for Infant Mental HealthMarch 15, 2024José/);
    expect(text).toContain("Dear José Núñez-O'Brien:Thank you for applying");
    expect(text).toMatch(/within 90 days\.Sincerely,María PérezEndorsement Coordinator$/);
    // 0.875 in from the left edge and 2 in from the top of the page, the #10 window: 4.5 in wide, at least 1.125 in tall.
    const frame = /<w:framePr ([^>]*)\/>/.exec(firstSection)?.[1] ?? '';
    for (const attr of [
      'w:x="1260"',
      'w:y="2880"',
      'w:w="6480"',
      'w:h="1620"',
      'w:hAnchor="page"',
      'w:vAnchor="page"',
      'w:wrap="notBeside"',
    ]) {
      expect(frame).toContain(attr);
    }
    const framed = /<w:p>(?:(?!<\/w:p>).)*<w:framePr (?:(?!<\/w:p>).)*<\/w:p>/.exec(firstSection)![0];
    expect(unescape(textOf(framed))).toBe("José Núñez-O'Brien1200 Calle del Río, Apt. 4Lansing, MI 48912");
    expect((framed.match(/<w:br\/>/g) ?? []).length).toBe(2);
  });

  it('gives the letter no header or footer, and starts the cover on a right-hand page', () => {
    const sects = sections(doc);
    expect(sects[0]).not.toMatch(/w:(header|footer)Reference/);
    expect(sects[1]).not.toMatch(/w:(header|footer)Reference/);
    expect(sects[1]).toContain('<w:type w:val="oddPage"/>');
    // The cover comes right after the letter.
    const cover = sectionBodies(doc)[1];
    expect(cover).toMatch(/<w:pStyle w:val="Title"\/>(?:(?!<\/w:p>).)*Endorsement Application Packet/);
    expect(unescape(textOf(cover))).toContain('Level 2: Infant Family Specialist');
    // The levels line would repeat the subtitle's "Level 2".
    expect(textOf(cover).split('Level 2').length - 1).toBe(1);
    const headers = Object.keys(parts)
      .filter((n) => /^word\/header\d+\.xml$/.test(n))
      .map((n) => parts[n]);
    expect(headers.some((h) => h.includes('EX-AIMH Application Packet') && h.includes('Training Log'))).toBe(true);
  });

  it('gives one-sided packets a cover on the next page', async () => {
    const oneSided = partsOf(await writeBookletDocx({ ...packet, page: { ...packet.page, twoSided: false } }));
    expect(sections(oneSided['word/document.xml'])[1]).not.toContain('oddPage');
  });

  it('writes each checklist item with a checkbox content control, a tab and the text', () => {
    const items = [...doc.matchAll(/<w:p><w:pPr><w:pStyle w:val="ChecklistItem"\/>.*?<\/w:p>/g)].map((m) => m[0]);
    expect(items.length).toBe(4);
    for (const item of items) {
      // Named as the PDF's check box, its alias the item's text (what a screen reader announces).
      expect(item).toMatch(
        /<w:sdt><w:sdtPr><w:alias w:val="[^"]+"\/><w:tag w:val="checklist_items_\d"\/><w14:checkbox><w14:checked w14:val="0"\/>/,
      );
      expect(item).toContain('<w14:uncheckedState w14:val="2610"');
      expect(item).toMatch(/<w:sym w:char="2610"/);
      expect(item).toMatch(/<\/w:sdt><w:r><w:tab\/><\/w:r>/);
    }
    expect(textOf(items[1])).toBe('Official transcripts for all college courses, degrees and certificates');
    expect(doc).toMatch(/<w:document [^>]*xmlns:w14=/);
  });

  it('writes a page break', () => {
    expect(doc).toContain('<w:br w:type="page"/>');
  });

  it('writes the form as labelled content controls, named as the PDF fields, with the pre-filled value', () => {
    const start = doc.indexOf('Please type or print clearly.');
    const form = doc.slice(start, doc.indexOf('In-service Training', start));
    // No table to type into: each field's label, then its content control (or the pre-filled value).
    expect(form).not.toContain('<w:tbl>');
    expect(unescape(textOf(form))).toContain("Full nameJosé Núñez-O'BrienDate");
    expect(form).toMatch(
      /<w:pStyle w:val="FormLabel"\/>(?:(?!<\/w:p>).)*Full name.*?<w:pStyle w:val="FormValue"\/>(?:(?!<\/w:p>).)*Núñez/,
    );
    // Plain text, date, multi-line and check box controls, each tagged as the PDF's field and aliased by its label.
    expect(form).toMatch(
      /<w:sdtPr><w:alias w:val="Date"\/><w:tag w:val="form_applicant_date"\/><w:showingPlcHdr\/><w:date><w:dateFormat w:val="M\/d\/yyyy"\/>/,
    );
    expect(form).toMatch(
      /<w:sdtPr><w:alias w:val="Mailing address"\/><w:tag w:val="form_applicant_address"\/><w:showingPlcHdr\/><w:text\/><\/w:sdtPr>/,
    );
    expect(form).toMatch(
      /<w:sdtPr><w:alias w:val="Professional goals"\/><w:tag w:val="form_applicant_goals"\/><w:showingPlcHdr\/><w:text w:multiLine="1"\/>/,
    );
    expect(form).toMatch(/<w:alias w:val="Signature"\/><w:tag w:val="form_applicant_signature"\/>/);
    // The checkbox field is ticked ("yes").
    expect(form).toMatch(
      /<w:alias w:val="Current member"\/><w:tag w:val="form_applicant_member"\/><w14:checkbox><w14:checked w14:val="1"\/>(?:(?!<\/w:p>).)*Current member/,
    );
    // The pre-filled name is text, not a control.
    expect(form).not.toContain('form_applicant_name');
    expect(doc).toMatch(/<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*Applicant Information/);
  });

  it('writes the log with a repeating header row and five empty rows', () => {
    const log = tables(doc).find((x) => textOf(x).includes('Title of training'))!;
    expect(log).toContain('<w:tblHeader/>');
    expect(textOf(log)).toMatch(/^DateTitle of trainingSponsorHours(?:_+)+$/);
    const rows = log.match(/<w:tr>.*?<\/w:tr>/g)!;
    expect(rows.length).toBe(6);
    // Each cell a content control named as the PDF's field for it.
    expect(rows[3]).toMatch(/<w:alias w:val="Sponsor, row 3"\/><w:tag w:val="log_training_r3_Sponsor"\/>/);
    for (const row of rows.slice(1)) {
      expect((row.match(/<w:sdt>/g) ?? []).length).toBe(4);
      expect(row).toContain('<w:cantSplit/>');
      expect(row).toMatch(/<w:trHeight w:val="\d+" w:hRule="atLeast"\/>/);
    }
    // Column widths in proportion to the columns' shares of the 9000-twip text width.
    expect(log.match(/<w:gridCol w:w="(\d+)"\/>/g)).toEqual([
      '<w:gridCol w:w="1350"/>',
      '<w:gridCol w:w="4050"/>',
      '<w:gridCol w:w="2250"/>',
      '<w:gridCol w:w="1350"/>',
    ]);
  });

  it('writes a letter without an address in the flow, on a new page only when it has an address', () => {
    const text = unescape(textOf(doc));
    expect(text).toContain(
      'To every candidate:Keep a copy of everything you send.With best wishes,The Endorsement Committee',
    );
    expect((doc.match(/<w:framePr /g) ?? []).length).toBe(1);
  });

  it('starts a letter with an address on a new page when other blocks come before it', async () => {
    const [letterPart, ...rest] = packet.parts;
    const training = rest[rest.length - 1];
    if (letterPart.kind !== 'loose' || training.kind !== 'chapter') throw new Error('fixture');
    const midChapter: Document = {
      ...packet,
      parts: [...rest.slice(0, -2), { ...training, blocks: [training.blocks[0], letterPart.blocks[0]] }],
    };
    const xml = partsOf(await writeBookletDocx(midChapter))['word/document.xml'];
    // No letter before the cover: the cover is the first section.
    expect(sectionBodies(xml)[0]).toMatch(/<w:pStyle w:val="Title"\/>/);
    expect(xml).toMatch(/<w:pStyle w:val="Letterhead"\/><w:pageBreakBefore\/>/);
    expect((xml.match(/<w:framePr /g) ?? []).length).toBe(1);
  });

  it('refers only to styles it defines', () => {
    const defined = new Set([...parts['word/styles.xml'].matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]));
    const used = new Set([...doc.matchAll(/<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"/g)].map((m) => m[1]));
    expect([...used].filter((s) => !defined.has(s))).toEqual([]);
    expect(parts['word/styles.xml']).toMatch(/<w:style w:type="table" w:styleId="FormTable">/);
  });

  it('gives byte-identical files for the same packet', async () => {
    const again = await writeBookletDocx(packet);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
