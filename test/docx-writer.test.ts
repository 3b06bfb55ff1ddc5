// The Word writer, read back from the .docx's own XML: styles, lists, the TOC field's stored entries, sections, metadata.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { composeBooklet } from '../src/compose/booklet.js';
import type { Document } from '../src/compose/tree.js';
import type { Block, CompetencyArea, Guidelines, Inline, Level, ListItem, Section } from '../src/model/schema.js';
import type { EditionSettings } from '../src/model/settings.js';
import { writeDocx as writeBookletDocx } from '../src/write/docx/write-docx.js';

// --- fixture: a small edition with two levels -------------------------------------------------------------------

const pos = { file: 'fixture.md', line: 1, column: 1 };
const t = (text: string, style: Partial<Inline> = {}): Inline[] => [{ text, ...style }];
const item = (id: string, text: string, codes: ListItem['codes'] = [], children: ListItem[] = []): ListItem => ({
  id,
  text: t(text),
  codes,
  children,
  pos,
});
const para = (text: Inline[]): Block => ({ kind: 'paragraph', text, pos });
const section = (id: string, title: string, blocks: Block[], sections: Section[] = []): Section => ({
  id,
  title,
  blocks,
  sections,
  pos,
});

function area(level: number, slug: string, name: string, codes = false): CompetencyArea {
  const id = `l${level}.${slug}`;
  return {
    id,
    name,
    areasLabel: level === 1 ? 'Knowledge Areas' : 'Skill Areas',
    areas: ['pregnancy & early parenthood', 'infant & young child development', 'cultural competence'],
    groups: [
      {
        leadIn: t('For infants, young children, and families referred and enrolled for services:', { italic: true }),
        codes: [],
        competencies: [
          item(
            `${id}.a`,
            'Identifies emerging competencies of the infant within a relationship context',
            codes ? ['C'] : [],
          ),
          item(`${id}.b`, 'Helps parents to:', codes ? ['S', 'T'] : [], [
            item(`${id}.b1`, '“See” the infant/young child as a person'),
            item(`${id}.b2`, 'Derive pleasure from daily activities with their children'),
          ]),
        ],
        pos,
      },
      {
        leadIn: null,
        codes: [],
        competencies: [
          item(`${id}.c`, 'Shares with families realistic expectations for development', codes ? ['P'] : []),
        ],
        pos,
      },
    ],
    notes: [para(t('Reflective supervision is recommended for this area.'))],
    pos,
  };
}

function level(n: 1 | 2, title: string): Level {
  return {
    level: n,
    title,
    requirements: null,
    file: `level-${n}.md`,
    intro: section(
      `l${n}.intro`,
      'Introduction',
      [
        para([
          { text: 'The Level ' },
          { text: 'Competency Guidelines', bold: true },
          { text: ' were developed to ' },
          { text: 'describe', italic: true },
          { text: ' expertise.' },
        ]),
        {
          kind: 'list',
          ordered: true,
          items: [item(`l${n}.s1`, 'Apply for endorsement'), item(`l${n}.s2`, 'Submit the portfolio')],
          pos,
        },
      ],
      [
        section(`l${n}.intro.eligibility`, 'Eligibility Notes', [
          para(t('Line one of an address\nLine two of an address')),
        ]),
      ],
    ),
    detail: {
      id: `l${n}.detail`,
      areas: [
        area(n, 'theoretical-foundations', 'Theoretical Foundations', n === 2),
        area(n, 'direct-service-skills', 'Direct Service Skills', n === 2),
      ],
      notes: [],
      pos,
    },
    impactMap:
      n === 2
        ? {
            id: 'l2.impact-map',
            notes: [para(t('NOTE: candidates perform the Core Responsibilities.'))],
            columns: [
              {
                title: 'Capabilities',
                items: [
                  item('m.c1', 'Working With Others', ['C'], [item('m.c1a', 'Building & maintaining relationships')]),
                  item('m.c2', 'Reflection', ['C', 'S']),
                ],
              },
              {
                title: 'Key Responsibilities',
                items: [
                  item(
                    'm.k1',
                    'Core Responsibilities',
                    ['C'],
                    [
                      item(
                        'm.k1a',
                        'Model effective, trusting working relationships',
                        [],
                        [item('m.k1a1', 'Become more effective practitioners')],
                      ),
                    ],
                  ),
                ],
              },
              { title: 'Level 2 Results', items: [item('m.r1', 'High quality services to infants & parents')] },
              { title: 'Service Objectives', items: [item('m.o1', 'Securely attached infants & young children')] },
              { title: 'Service Goal', items: [item('m.g1', 'Optimal social & emotional development')] },
            ],
            pos,
          }
        : null,
  };
}

const guidelines: Guidelines = {
  levels: [level(1, 'Infant Family Associate'), level(2, 'Infant Family Specialist')],
  endorsement: section('endorsement', 'Endorsement', [
    para(t('Endorsement recognises the professional development of practitioners.')),
    {
      kind: 'table',
      header: [t('Level'), t('Title')],
      rows: [
        [t('1'), t('Infant Family Associate')],
        [t('2'), t('Infant Family Specialist')],
      ],
      pos,
    },
  ]),
  committee: [section('committee', 'Endorsement Committee', [para(t('Members of the committee.'))])],
  glossary: {
    id: 'glossary',
    title: 'Glossary',
    entries: [
      {
        id: 'g.attachment',
        term: 'Attachment',
        definition: t('The enduring emotional bond between an infant and a caregiver.'),
        pos,
      },
      {
        id: 'g.reflective',
        term: 'Reflective supervision',
        definition: [{ text: 'A ' }, { text: 'relationship-based', italic: true }, { text: ' supervision.' }],
        pos,
      },
    ],
    pos,
  },
  copyright: section('copyright', 'Copyright Notice', [
    para(t('© 2017 Michigan Association for Infant Mental Health. All rights reserved.')),
  ]),
};

const settings: EditionSettings = {
  association: { name: 'Example Association for Infant Mental Health', abbreviation: 'EX-AIMH' },
  title: 'Competency Guidelines',
  subtitle: 'Endorsement for Culturally Sensitive, Relationship-Focused Practice',
  editionLine: 'Example edition',
  remove: [],
  language: 'en-US',
  pageSize: 'LETTER',
  twoSided: true,
  padToMultipleOf4: false,
  cropMarks: true,
  publicationDate: '2024-03-15',
  copyrightLine: '© 2024 EX-AIMH',
  copyrightExtra: ['Printed under license from MI-AIMH.'],
  coverColor: '#1f4e79',
  levels: [1, 2],
};

const fixture: Document = composeBooklet('example', settings, guidelines);

// --- reading the package back ----------------------------------------------------------------------------------

type Parts = Record<string, string>;
function partsOf(bytes: Uint8Array): Parts {
  const out: Parts = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}
const between = (xml: string, from: RegExp, to: RegExp): string => {
  const start = xml.search(from);
  expect(start, `${from} not found`).toBeGreaterThanOrEqual(0);
  const end = xml.slice(start).search(to);
  expect(end, `${to} not found after ${from}`).toBeGreaterThan(0);
  return xml.slice(start, start + end);
};
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

const bytes = await writeBookletDocx(fixture);
const parts = partsOf(bytes);
const doc = parts['word/document.xml'];
// DOCX_PREVIEW=/tmp/x.docx npx vitest run test/docx-writer.test.ts keeps the file, to open it and look.
if (process.env.DOCX_PREVIEW) writeFileSync(process.env.DOCX_PREVIEW, bytes);

describe('writeBookletDocx', () => {
  it('defines the built-in Title and Heading 1-3 styles, with outline levels, and a named table style', () => {
    const styles = parts['word/styles.xml'];
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="Title">/);
    for (const [n, lvl] of [
      [1, 0],
      [2, 1],
      [3, 2],
    ]) {
      const style = between(styles, new RegExp(`<w:style [^>]*w:styleId="Heading${n}"`), /<\/w:style>/);
      expect(style).toContain(`<w:name w:val="Heading ${n}"/>`);
      expect(style).toContain(`<w:outlineLvl w:val="${lvl}"/>`);
    }
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="ListBullet">\s*<w:name w:val="List Bullet"\/>/);
    expect(styles).toMatch(/<w:style w:type="table" w:styleId="GuidelinesTable">/);
    expect(styles).toMatch(/<w:lang w:val="en-US"/);
    expect(styles).toContain('w:ascii="Cambria"');
    expect(doc).toContain('<w:tblStyle w:val="GuidelinesTable"/>');
  });

  it('uses each heading style for the chapters, the level titles as Heading 1', () => {
    for (const title of ['Level 1: Infant Family Associate', 'Level 2: Infant Family Specialist', 'Glossary']) {
      expect(doc).toMatch(new RegExp(`<w:pStyle w:val="Heading1"/>(?:(?!</w:p>).)*${title}`));
    }
    expect(doc).toMatch(/<w:pStyle w:val="Title"\/>(?:(?!<\/w:p>).)*Competency Guidelines/);
  });

  it('says on the cover which levels the booklet covers, before the date', () => {
    // The section's properties sit in its last paragraph, before that paragraph's text.
    const cover = doc.slice(0, doc.indexOf('</w:p>', doc.indexOf('</w:sectPr>')));
    expect(textOf(cover)).toMatch(/Example editionLevels 1–2March 2024$/);
  });

  it('writes a TOC field whose stored result lists every level and every area, with page numbers', () => {
    const instr = [...doc.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => unescape(m[1]));
    expect(instr.some((i) => /^\s*TOC\b.*\\o "1-3".*/.test(i) && i.includes('\\h'))).toBe(true);
    const toc = between(
      doc,
      /<w:instrText[^>]*>TOC /,
      /<w:fldChar w:fldCharType="end"\/><\/w:r><\/w:p><\/w:sdtContent>/,
    );
    const stored = unescape(textOf(toc.slice(toc.indexOf('w:fldCharType="separate"'))));
    for (const entry of [
      'Level 1: Infant Family Associate',
      'Competency Detail',
      'Theoretical Foundations',
      'Direct Service Skills',
      'Level 2 Impact Map',
      'Glossary',
    ]) {
      expect(stored).toContain(entry);
    }
    // Each area is an entry of each level: two areas, two levels.
    expect(stored.split('Theoretical Foundations').length - 1).toBe(2);
    // toc: false headings stay out.
    expect(stored).not.toContain('Eligibility Notes');
    // A heading at its own outline level (no skipped levels), in a style the TOC field leaves out.
    expect(doc).toMatch(
      /<w:pStyle w:val="MinorHeading"\/><w:outlineLvl w:val="[0-8]"\/>(?:(?!<\/w:p>).)*Eligibility Notes/,
    );
    // Page numbers are in the stored entries (PAGEREF results are digits).
    const pageRefs = [
      ...toc.matchAll(
        /PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>(\d+)<\/w:t>/g,
      ),
    ];
    expect(pageRefs.length).toBeGreaterThanOrEqual(10);
  });

  it('marks the header rows to repeat and writes the Competency Detail as a two-column table', () => {
    expect((doc.match(/<w:tblHeader\/>/g) ?? []).length).toBe(2 + 1 + 1); // 2 Competency Details, 1 map, 1 table
    const table = between(doc, /<w:tbl>(?:(?!<\/w:tbl>).)*Area of Expertise/, /<\/w:tbl>/);
    expect((table.match(/<w:gridCol /g) ?? []).length).toBe(2);
    // Which cell holds what: the header row's two titles; then a row per area, its name (Heading 3), its areas label
    // and areas in the left cell, its lead-in and competencies in the right one, and nothing of one in the other.
    const rows = [...table.matchAll(/<w:tr>.*?<\/w:tr>/g)].map(([r]) =>
      [...r.matchAll(/<w:tc>.*?<\/w:tc>/g)].map(([c]) => unescape(textOf(c))),
    );
    expect(rows).toEqual([
      ['Area of Expertise', 'As Demonstrated By'],
      ...['Theoretical Foundations', 'Direct Service Skills'].map((name) => [
        `${name}Knowledge Areaspregnancy & early parenthoodinfant & young child developmentcultural competence`,
        'For infants, young children, and families referred and enrolled for services:Identifies emerging competencies of the infant within a relationship contextHelps parents to:“See” the infant/young child as a personDerive pleasure from daily activities with their childrenShares with families realistic expectations for developmentReflective supervision is recommended for this area.',
      ]),
    ]);
    const firstArea = [...table.matchAll(/<w:tr>.*?<\/w:tr>/g)][1][0];
    expect(firstArea.slice(0, firstArea.indexOf('</w:tc>'))).toMatch(
      /<w:pStyle w:val="Heading3"\/>(?:(?!<\/w:p>).)*Theoretical Foundations/,
    );
  });

  it('writes bullets and sub-bullets as real lists, with codes after the text', () => {
    const numbering = parts['word/numbering.xml'];
    const bullets = between(numbering, /<w:abstractNum /, /<\/w:abstractNum>/);
    expect(bullets).toMatch(/<w:lvl w:ilvl="0"[^>]*>(?:(?!<\/w:lvl>).)*<w:numFmt w:val="bullet"\/>/);
    expect(bullets).toMatch(/<w:lvl w:ilvl="1"[^>]*>(?:(?!<\/w:lvl>).)*<w:numFmt w:val="bullet"\/>/);
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
    expect(doc).toMatch(
      /<w:pStyle w:val="ListBullet"\/><w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/,
    );
    expect(doc).toMatch(/<w:pStyle w:val="ListBullet2"\/><w:numPr><w:ilvl w:val="1"\/>/);
    expect(doc).toMatch(/<w:pStyle w:val="ListNumber"\/><w:numPr><w:ilvl w:val="0"\/>/);
    expect(textOf(doc)).toContain('Helps parents to: (S, T)');
    expect(textOf(doc)).not.toMatch(/[•◦▪]/);
  });

  it('puts the Impact Map in a landscape section, then goes back to portrait', () => {
    const sects = [...doc.matchAll(/<w:sectPr\b.*?<\/w:sectPr>/g)].map((m) => m[0]);
    const orient = sects.map((s) => /w:orient="(\w+)"/.exec(s)?.[1]);
    const i = orient.indexOf('landscape');
    expect(i).toBeGreaterThan(0);
    expect(orient[i + 1]).toBe('portrait');
    expect(sects[i]).toMatch(/<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"\/>/);
    const mapText = textOf(
      between(doc, /<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*Level 2 Impact Map/, /<\/w:tbl>/),
    );
    for (const title of [
      'Capabilities',
      'Key Responsibilities',
      'Level 2 Results',
      'Service Objectives',
      'Service Goal',
      '→',
      'Reflection (C, S)',
    ]) {
      expect(mapText).toContain(title);
    }
    // Chapters start on right-hand pages.
    expect(sects.filter((s) => s.includes('<w:type w:val="oddPage"/>')).length).toBeGreaterThanOrEqual(5);
    expect(parts['word/settings.xml']).toContain('<w:mirrorMargins/>');
  });

  it('writes the glossary term in bold before its definition', () => {
    // The term sits in its invisible id bookmark (import:edition).
    expect(doc).toMatch(
      /<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t[^>]*>Attachment<\/w:t><\/w:r><w:bookmarkEnd w:id="\d+"\/><w:r><w:t[^>]*>: <\/w:t>/,
    );
  });

  it('keeps line breaks and inline emphasis', () => {
    expect(doc).toMatch(/Line one of an address<\/w:t><\/w:r><w:r><w:br\/><w:t[^>]*>Line two/);
    expect(doc).toMatch(/<w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t[^>]*>Competency Guidelines<\/w:t>/);
    expect(doc).toMatch(/<w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t[^>]*>describe<\/w:t>/);
  });

  it('has a running header and a footer with a PAGE field on every section but the cover', () => {
    const footers = Object.keys(parts).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) {
      expect(parts[f]).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(parts[f]).toContain('© 2024 EX-AIMH');
    }
    const sects = [...doc.matchAll(/<w:sectPr\b.*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sects[0]).not.toContain('w:headerReference');
    for (const s of sects.slice(1)) expect(s).toContain('<w:footerReference');
    const headers = Object.keys(parts)
      .filter((n) => /^word\/header\d+\.xml$/.test(n))
      .map((n) => parts[n]);
    expect(
      headers.some(
        (h) => h.includes('EX-AIMH Competency Guidelines') && h.includes('Level 2: Infant Family Specialist'),
      ),
    ).toBe(true);
  });

  it('refers only to styles and lists it defines (a dangling reference makes Word repair the file)', () => {
    const defined = new Set([...parts['word/styles.xml'].matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]));
    const xml = Object.entries(parts)
      .filter(([n]) => /^word\/(document|header\d+|footer\d+)\.xml$/.test(n))
      .map(([, x]) => x)
      .join('');
    const used = new Set([...xml.matchAll(/<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"/g)].map((m) => m[1]));
    expect([...used].filter((s) => !defined.has(s))).toEqual([]);
    const lists = new Set([...parts['word/numbering.xml'].matchAll(/<w:num w:numId="(\d+)"/g)].map((m) => m[1]));
    const numIds = [...(doc + parts['word/styles.xml']).matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]);
    expect(numIds.length).toBeGreaterThan(0);
    expect(numIds.filter((id) => !lists.has(id))).toEqual([]);
    const bookmarks = [...doc.matchAll(/<w:bookmarkStart [^>]*w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(bookmarks).size).toBe(bookmarks.length);
  });

  it('sets the document properties and the fixed date', () => {
    const core = parts['docProps/core.xml'];
    expect(core).toContain('<dc:title>EX-AIMH Competency Guidelines</dc:title>');
    expect(core).toContain('<dc:creator>Example Association for Infant Mental Health</dc:creator>');
    expect(core).toContain('<dc:subject>');
    expect(core).toContain('<cp:keywords>infant mental health');
    expect(core).toMatch(/<dcterms:created [^>]*>2024-03-15T00:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified [^>]*>2024-03-15T00:00:00Z<\/dcterms:modified>/);
  });

  it('is a letter-size booklet with margins of at least 0.75 in and a gutter', () => {
    const first = /<w:sectPr\b.*?<\/w:sectPr>/.exec(doc)![0];
    expect(first).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(first)![1];
    for (const side of ['top', 'right', 'bottom', 'left']) {
      expect(Number(new RegExp(`w:${side}="(\\d+)"`).exec(margins)![1])).toBeGreaterThanOrEqual(1080);
    }
    expect(Number(/w:gutter="(\d+)"/.exec(margins)![1])).toBeGreaterThan(0);
  });

  it('zips [Content_Types].xml first, with the fixed date on every entry', () => {
    // Local file header: signature, version, flags, method, then DOS time and date.
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    const nameLength = view.getUint16(26, true);
    expect(strFromU8(bytes.subarray(30, 30 + nameLength))).toBe('[Content_Types].xml');
    const dosDate = view.getUint16(12, true);
    expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 15, dosDate & 31]).toEqual([2024, 3, 15]);
    expect(view.getUint16(10, true)).toBe(0); // midnight
  });

  it('gives byte-identical files for the same publication', async () => {
    const again = await writeBookletDocx(fixture);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('gives the same bytes in another process, in another time zone', () => {
    // The Publication is plain data: hand it to a fresh process as JSON.
    const writer = pathToFileURL(resolve('src/write/docx/write-docx.ts')).href;
    const script = `(async () => {
      const { createHash } = await import('node:crypto');
      const { writeDocx: writeBookletDocx } = await import('${writer}');
      let json = '';
      for await (const chunk of process.stdin) json += chunk;
      const bytes = await writeBookletDocx(JSON.parse(json));
      process.stdout.write(createHash('sha256').update(bytes).digest('hex'));
    })();`;
    const hash = execFileSync(resolve('node_modules/.bin/tsx'), ['--eval', script], {
      input: JSON.stringify(fixture),
      env: { ...process.env, TZ: 'Pacific/Kiritimati' },
      encoding: 'utf8',
    });
    expect(hash).toBe(createHash('sha256').update(bytes).digest('hex'));
  }, 60_000);

  it('writes A4 and one-sided editions too', async () => {
    const a4 = partsOf(await writeBookletDocx({ ...fixture, page: { ...fixture.page, size: 'A4', twoSided: false } }));
    expect(a4['word/document.xml']).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(a4['word/document.xml']).not.toContain('oddPage');
    expect(a4['word/settings.xml']).not.toContain('mirrorMargins');
  });
});
