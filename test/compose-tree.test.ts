// The composers on small sources read here: the booklet and the level packet as document trees, compared with the
// outline each must have, written out by hand (templates/packet.yaml's forms and logs read with the yaml package);
// the cover, copyright page and contents; dates, fees, levels lines; the envelope window and the address's fit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  codesRun,
  competencyDetail,
  detailColumns,
  glossaryBlocks,
  impactMap,
  listItems,
  paragraph,
  proseBlocks,
  runsOf,
  sectionBlocks,
  text,
} from '../src/compose/blocks.js';
import {
  composeBooklet,
  contents,
  copyrightPage,
  cover,
  documentWords,
  formatDate,
  formatDay,
  formatFee,
  glossaryChapter,
  levelChapter,
  levelHeading,
  levelsLine,
} from '../src/compose/booklet.js';
import {
  addressArea,
  addressLines,
  ADDRESS_AREA,
  charactersThatFit,
  ENVELOPE_WINDOW,
  ENVELOPE_WINDOWS,
  envelopeWindow,
  fittedAddressSize,
  FOLDS,
  foldsFor,
  type LineMetrics,
} from '../src/compose/envelope.js';
import {
  composePacket,
  composePersonalPages,
  fieldName,
  packetId,
  PACKET_FORMS,
  PACKET_ID_FIELD,
  personalParts,
  portfolioItems,
  requiredFields,
  sharedPacket,
  type Addressee,
} from '../src/compose/packet.js';
import { packetInLanguage } from '../src/compose/packet-words.js';
import { blocksIn, contentsEntries, Document as DocumentSchema, runsText, type Block } from '../src/compose/tree.js';
import type { Edition } from '../src/editions/edition.js';
import { Diagnostics } from '../src/model/diagnostics.js';
import type { Guidelines } from '../src/model/schema.js';
import { EditionSettings } from '../src/model/settings.js';
import type { PacketTemplate } from '../src/model/templates.js';
import { Words } from '../src/model/words.js';
import { readPacketTemplate } from '../src/read/templates.js';
import { englishWords } from '../src/read/words.js';
import { glossary, level, md, sections } from './helpers/read-md.js';
import { outline, partOutline, runs } from './helpers/outline.js';

const LEVEL_3 = md(
  '---',
  'level: 3',
  'title: Specialist',
  '---',
  '',
  '# Introduction {#l3.intro}',
  '',
  'The **third** level.',
  '',
  '## History {#l3.intro.history}',
  '',
  'Some *history*.',
  '',
  '# Endorsement Requirements {#l3.requirements}',
  '',
  '{#l3.requirements.table}',
  '',
  '| Requirement | Level 3 |',
  '| --- | --- |',
  '| Degree | *Master* |',
  '',
  '3. Third',
  '4. Fourth',
  '',
  '# Competency Detail {#l3.detail}',
  '',
  '## Thinking {#l3.thinking}',
  '',
  '### Knowledge Areas',
  '',
  '- reflection',
  '- planning',
  '',
  '### As Demonstrated By',
  '',
  '*All are S and T:*',
  '',
  '- Sees the whole (S, T)',
  '  - Names parts',
  '',
  '- Plans',
  '',
  '> A note on thinking.',
  '',
  '## Caring {#l3.caring}',
  '',
  '### Skill Areas',
  '',
  '- listening',
  '',
  '### As Demonstrated By',
  '',
  '- Listens',
  '',
  '---',
  '',
  'Notes on the detail.',
  '',
  '# Impact Map {#l3.impact-map}',
  '',
  'A map note.',
  '',
  '## Capabilities',
  '',
  '- Cap',
  '',
  '## Key Responsibilities',
  '',
  '- Key',
  '',
  '## Level 3 Results',
  '',
  '- Result',
  '',
  '## Service Objectives',
  '',
  '- Objective',
  '',
  '## Service Goal',
  '',
  '- Goal',
);
const LEVEL_1 = md(
  '---',
  'level: 1',
  'title: Associate',
  '---',
  '',
  '# Introduction {#l1.intro}',
  '',
  'First.',
  '',
  '# Competency Detail {#l1.detail}',
  '',
  '## Caring {#l1.caring}',
  '',
  '### Skill Areas',
  '',
  '- listening',
  '',
  '### As Demonstrated By',
  '',
  '- Listens',
);

const ENDORSEMENT = md(
  '# Endorsement {#endorsement}',
  '',
  'About endorsement.',
  '',
  '## Overview {#endorsement.overview}',
  '',
  '{#endorsement.steps}',
  '',
  '1. Inquiry',
  '2. Application',
  '',
  '{#endorsement.process}',
  '',
  'The process begins.',
  '',
  '{#endorsement.portfolio}',
  '',
  'The portfolio consists of a list of courses; training experiences; and a signed Code of Ethics.',
  '',
  '### Detail {#endorsement.detail}',
  '',
  '{#endorsement.exam}',
  '',
  'The exam.',
  '',
  '{#endorsement.continuing}',
  '',
  'Renew each year.',
  '',
  '{#endorsement.prerequisites-intro}',
  '',
  'Before you apply:',
  '',
  '{#endorsement.prerequisites}',
  '',
  '- A degree',
);
const COMMITTEE = md(
  '# Committee {#committee}',
  '',
  'Its members.',
  '',
  '# Acknowledgements {#acknowledgements}',
  '',
  'Thanks.',
);
const GLOSSARY = md('# Glossary {#glossary}', '', '**Attachment**: a *lasting* bond.', '', '**Dyad**: two people.');
const COPYRIGHT = md(
  '# Copyright {#copyright}',
  '',
  '© MI-AIMH.',
  '',
  '## Reprints {#copyright.reprints}',
  '',
  'Ask first.',
);

function guidelines(): Guidelines {
  return {
    levels: [level(LEVEL_1, 'level-1.md'), level(LEVEL_3, 'level-3.md')],
    endorsement: sections(ENDORSEMENT, 'endorsement.md')[0],
    committee: sections(COMMITTEE, 'committee.md'),
    glossary: glossary(GLOSSARY, 'glossary.md'),
    copyright: sections(COPYRIGHT, 'copyright.md')[0],
  };
}

const settings = (over: Record<string, unknown> = {}) =>
  EditionSettings.parse({
    association: { name: 'Example Association', abbreviation: 'EX-AIMH' },
    publicationDate: '2026-11-01',
    copyrightLine: '© EX-AIMH 2026',
    ...over,
  });

const SPANISH = Words.parse(
  parseYaml(readFileSync(join(process.cwd(), 'templates', 'translations', 'es.yaml'), 'utf8')),
);

describe('a level chapter', () => {
  it('is the level heading, the introduction with its sub-sections out of the contents, the requirements, the Competency Detail by area, its notes and the Impact Map', () => {
    const l3 = guidelines().levels[1];
    const ch = levelChapter(l3);
    expect(ch.id).toBe('l3');
    expect(ch.title).toBe('Level 3: Specialist');
    expect(ch.runningHead).toBe('Level 3: Specialist');
    expect(outline(ch.blocks)).toEqual([
      'H1 #l3 Level 3: Specialist',
      'H2 #l3.intro Introduction',
      'body: The **third** level.',
      'H3 #l3.intro.history History (not in contents)',
      'body: Some _history_.',
      'H2 #l3.requirements Endorsement Requirements',
      'table plain #l3.requirements.table: Requirement (0.28) | Level 3 (0.72)',
      '  row',
      '    cell (row header)',
      '      body: Degree',
      '    cell',
      '      body: _Master_',
      'number list from 3',
      '  * #l3.requirements.third Third',
      '  * #l3.requirements.fourth Fourth',
      'H2 #l3.detail Competency Detail',
      'table competencyDetail #l3.detail: Area of Expertise (0.3) | As Demonstrated By (0.7)',
      '  row #l3.thinking',
      '    cell (row header)',
      '      H3 #l3.thinking Thinking',
      '      label: Knowledge Areas',
      '      plain list',
      '        * reflection',
      '        * planning',
      '    cell',
      '      leadIn: _All are S and T:_',
      '      bullet list',
      '        * #l3.thinking.sees-the-whole Sees the whole{ (S, T)}',
      '          * #l3.thinking.sees-the-whole.names-parts Names parts',
      '        * #l3.thinking.plans Plans',
      '      note: A note on thinking.',
      '  row #l3.caring',
      '    cell (row header)',
      '      H3 #l3.caring Caring',
      '      label: Skill Areas',
      '      plain list',
      '        * listening',
      '    cell',
      '      bullet list',
      '        * #l3.caring.listens Listens',
      'body: Notes on the detail.',
      'map #l3.impact-map Level 3 Impact Map',
      '  note: A map note.',
      '  column Capabilities',
      '    * #l3.impact-map.capabilities.cap Cap',
      '  column Key Responsibilities',
      '    * #l3.impact-map.key-responsibilities.key Key',
      '  column Level 3 Results',
      '    * #l3.impact-map.level-3-results.result Result',
      '  column Service Objectives',
      '    * #l3.impact-map.service-objectives.objective Objective',
      '  column Service Goal',
      '    * #l3.impact-map.service-goal.goal Goal',
    ]);
  });

  it('in Spanish: the furniture from the language table', () => {
    const l1 = guidelines().levels[0];
    expect(levelHeading(l1, SPANISH)).toBe(
      `${SPANISH.levelHeading.replace('{level}', '1').replace('{title}', 'Associate')}`,
    );
    const ch = levelChapter(l1, SPANISH);
    expect(outline(ch.blocks).slice(0, 2)).toEqual([
      `H1 #l1 ${levelHeading(l1, SPANISH)}`,
      `H2 #l1.intro ${SPANISH.introduction}`,
    ]);
    expect(outline(ch.blocks)).toContain(
      `table competencyDetail #l1.detail: ${SPANISH.areaOfExpertise} (0.3) | ${SPANISH.asDemonstratedBy} (0.7)`,
    );
    expect(SPANISH.areaOfExpertise).not.toBe(englishWords().areaOfExpertise);
  });
});

describe('a booklet', () => {
  it('is the cover, the copyright page, the contents, each level, the endorsement introduction, the committee and the glossary', () => {
    const g = guidelines();
    const doc = composeBooklet(
      'ex',
      settings({ subtitle: 'For Example', editionLine: 'Second edition', copyrightExtra: ['Printed in Example.'] }),
      g,
    );
    expect(doc.editionId).toBe('ex');
    expect(doc.kind).toBe('booklet');
    expect(doc.meta).toEqual({
      title: 'EX-AIMH Competency Guidelines',
      author: 'Example Association',
      subject: 'Competency Guidelines for Endorsement, Levels 1, 3',
      keywords: 'infant mental health; competency guidelines; endorsement',
      language: 'en-US',
      date: '2026-11-01',
    });
    expect(doc.page).toEqual({ size: 'LETTER', twoSided: true, padToMultipleOf4: false });
    expect(doc.accent).toBe('#1f4e79');
    expect(doc.furniture).toEqual({ headerLine: 'EX-AIMH Competency Guidelines', footerLine: '© EX-AIMH 2026' });
    expect(doc.words).toEqual(englishWords());
    expect(doc.parts.map((p) => (p.kind === 'chapter' ? `chapter ${p.id}` : p.kind))).toEqual([
      'cover',
      'copyright',
      'contents',
      'chapter l1',
      'chapter l3',
      'chapter endorsement',
      'chapter committee',
      'chapter glossary',
    ]);
    const [coverPart, copyright, toc, , , endorsement, committee, glossaryPart] = doc.parts;
    expect(coverPart).toEqual({
      kind: 'cover',
      association: 'Example Association',
      abbreviation: 'EX-AIMH',
      title: 'Competency Guidelines',
      subtitle: 'For Example',
      editionLine: 'Second edition',
      levelsLine: 'Levels 1, 3',
      dateLine: 'November 2026',
      color: '#1f4e79',
    });
    expect(partOutline(copyright)).toEqual([
      'copyright',
      '  H2 #copyright Copyright (not in contents)',
      '  small: © MI-AIMH.',
      '  H2 #copyright.reprints Reprints (not in contents)',
      '  small: Ask first.',
      '  small: Printed in Example.',
      '  muted: Example Association (EX-AIMH) · November 2026',
    ]);
    expect(partOutline(toc)).toEqual([
      'contents Contents',
      '  1 #l1 Level 1: Associate',
      '  2 #l1.intro Introduction',
      '  2 #l1.detail Competency Detail',
      '  3 #l1.caring Caring',
      '  1 #l3 Level 3: Specialist',
      '  2 #l3.intro Introduction',
      '  2 #l3.requirements Endorsement Requirements',
      '  2 #l3.detail Competency Detail',
      '  3 #l3.thinking Thinking',
      '  3 #l3.caring Caring',
      '  2 #l3.impact-map Level 3 Impact Map',
      '  1 #endorsement Endorsement',
      '  2 #endorsement.overview Overview',
      '  1 #committee Committee',
      '  1 #acknowledgements Acknowledgements',
      '  1 #glossary Glossary',
    ]);
    expect(partOutline(endorsement)).toEqual([
      'chapter #endorsement Endorsement (running head: Endorsement)',
      '  H1 #endorsement Endorsement',
      '  body: About endorsement.',
      '  H2 #endorsement.overview Overview',
      '  number list from 1',
      '    * #endorsement.overview.inquiry Inquiry',
      '    * #endorsement.overview.application Application',
      '  body: The process begins.',
      '  body: The portfolio consists of a list of courses; training experiences; and a signed Code of Ethics.',
      '  H3 #endorsement.detail Detail (not in contents)',
      '  body: The exam.',
      '  body: Renew each year.',
      '  body: Before you apply:',
      '  bullet list',
      '    * #endorsement.detail.a-degree A degree',
    ]);
    expect(partOutline(committee)).toEqual([
      'chapter #committee Committee (running head: Committee · Acknowledgements)',
      '  H1 #committee Committee',
      '  body: Its members.',
      '  H1 #acknowledgements Acknowledgements',
      '  body: Thanks.',
    ]);
    expect(partOutline(glossaryPart)).toEqual([
      'chapter #glossary Glossary (running head: Glossary)',
      '  H1 #glossary Glossary',
      '  definitions',
      '    #glossary.attachment Attachment: a _lasting_ bond.',
      '    #glossary.dyad Dyad: two people.',
    ]);
    expect(glossaryChapter(g)).toEqual(glossaryPart);
    // The tree is what its schema says (tables, map notes and list items checked through their nested blocks).
    expect(DocumentSchema.parse(doc)).toEqual(doc);
  });

  it('leaves out what the texts lack, and says the levels on the cover unless the title does', () => {
    const g = {
      ...guidelines(),
      endorsement: null,
      committee: [],
      glossary: null,
      copyright: null,
      levels: [guidelines().levels[0]],
    };
    const doc = composeBooklet(
      'ex',
      settings({
        title: 'Guidelines',
        pageSize: 'A4',
        twoSided: false,
        padToMultipleOf4: true,
        coverColor: '#00695c',
        language: 'en-IE',
      }),
      g,
    );
    expect(doc.parts.map((p) => p.kind)).toEqual(['cover', 'copyright', 'contents', 'chapter']);
    expect(doc.parts[0]).toEqual({
      kind: 'cover',
      association: 'Example Association',
      abbreviation: 'EX-AIMH',
      title: 'Guidelines',
      levelsLine: 'Level 1',
      dateLine: 'November 2026',
      color: '#00695c',
    });
    expect(partOutline(doc.parts[1])).toEqual(['copyright', '  muted: Example Association (EX-AIMH) · November 2026']);
    expect(doc.page).toEqual({ size: 'A4', twoSided: false, padToMultipleOf4: true });
    expect(doc.accent).toBe('#00695c');
    expect(doc.meta.subject).toBe('Guidelines for Endorsement, Levels 1');
    expect(doc.meta.language).toBe('en-IE');

    const logo = { type: 'png' as const, bytes: new Uint8Array([1, 2]), width: 10, height: 5 };
    const s = settings();
    expect(cover(s, { title: 'Packet', subtitle: 'Level 2: Specialist', levels: [2] }, logo)).toEqual({
      kind: 'cover',
      association: 'Example Association',
      abbreviation: 'EX-AIMH',
      title: 'Packet',
      subtitle: 'Level 2: Specialist',
      dateLine: 'November 2026',
      color: '#1f4e79',
      logo: { alt: 'Example Association logo', image: logo },
    });
    expect(cover(s, { title: 'Level 2 packet', levels: [2] }).levelsLine).toBeUndefined();
    expect(cover(s, { title: 'Packet', levels: [1, 2, 3, 4] }).levelsLine).toBe('Levels 1–4');
  });

  it('carries the furniture of its language without the packet words', () => {
    const doc = composeBooklet('es', settings({ language: 'es' }), guidelines(), undefined, SPANISH);
    expect(SPANISH.packet).toBeDefined();
    expect(doc.words).not.toHaveProperty('packet');
    expect(doc.words!.contents).toBe(SPANISH.contents);
    expect(documentWords(SPANISH)).toEqual(Object.fromEntries(Object.entries(SPANISH).filter(([k]) => k !== 'packet')));
    expect(doc.parts[2]).toMatchObject({ kind: 'contents', title: SPANISH.contents });
    expect((doc.parts[0] as { dateLine: string }).dateLine).toBe('noviembre de 2026');
  });
});

describe("dates, fees and levels in the edition's language", () => {
  it('writes the month and the day in UTC, whatever the machine', () => {
    expect(formatDate('2026-11-01', 'en-US')).toBe('November 2026');
    expect(formatDate('2026-01-01', 'en-US')).toBe('January 2026');
    expect(formatDay('2026-11-01', 'en-US')).toBe('November 1, 2026');
    expect(formatDay('2026-11-01', 'en-IE')).toBe('1 November 2026');
    expect(formatDay('2026-12-31', 'es')).toBe('31 de diciembre de 2026');
  });

  it('writes a fee as given, or an amount in the currency', () => {
    expect(formatFee('$50', { language: 'en-US' })).toBe('$50');
    expect(formatFee(undefined, { language: 'en-US' })).toBeUndefined();
    expect(formatFee(50, { language: 'en-US', currency: 'USD' })).toBe('$50.00');
    expect(formatFee(50, { language: 'es-ES', currency: 'EUR' })).toBe('50,00\u00a0€');
  });

  it('says one level, a range, or a list', () => {
    expect(levelsLine([3])).toBe('Level 3');
    expect(levelsLine([1, 2, 3, 4])).toBe('Levels 1–4');
    expect(levelsLine([3, 2])).toBe('Levels 2–3');
    expect(levelsLine([1, 3])).toBe('Levels 1, 3');
    expect(levelsLine([4, 1, 2])).toBe('Levels 1, 2, 4');
  });
});

describe('blocks', () => {
  it('codes, runs, list items, paragraphs, tables of one and of three columns', () => {
    expect(codesRun([])).toEqual([]);
    expect(codesRun(['C', 'P'])).toEqual([{ text: ' (C, P)', role: 'code' }]);
    expect(
      runsOf([
        { text: 'a' },
        { text: 'b', bold: true },
        { text: 'c', italic: true },
        { text: 'd', bold: true, italic: true },
      ]),
    ).toEqual([
      { text: 'a' },
      { text: 'b', bold: true },
      { text: 'c', italic: true },
      { text: 'd', bold: true, italic: true },
    ]);
    expect(paragraph(text('x'))).toEqual({ kind: 'paragraph', role: 'body', runs: [{ text: 'x' }] });
    expect(detailColumns(englishWords())).toEqual([
      { title: 'Area of Expertise', share: 0.3 },
      { title: 'As Demonstrated By', share: 0.7 },
    ]);
    const pos = { file: 'f', line: 1, column: 1 };
    const cell = (t: string) => [{ text: t }];
    const one = proseBlocks([{ kind: 'table', header: [cell('Only')], rows: [[cell('x')]], pos }]);
    expect(outline(one)).toEqual(['table plain: Only (1)', '  row', '    cell (row header)', '      body: x']);
    const three = proseBlocks([{ kind: 'table', header: [cell('A'), cell('B'), cell('C')], rows: [], pos }], 'note');
    expect(outline(three)).toEqual(['table plain: A (0.28) | B (0.36) | C (0.36)']);
    const lists = proseBlocks(
      [
        { kind: 'list', ordered: false, start: 3, items: [], pos },
        { kind: 'list', ordered: true, items: [], pos },
        { kind: 'paragraph', text: cell('n'), pos },
      ],
      'note',
    );
    expect(outline(lists)).toEqual(['bullet list', 'number list', 'note: n']);
    expect(lists.map((b) => 'start' in b)).toEqual([false, false, false]);
    // A lead-in whose group has no competencies: the lead-in alone, no empty list.
    const area = {
      id: 'a',
      name: 'A',
      areasLabel: 'Skill Areas' as const,
      areas: [],
      groups: [{ leadIn: cell('Lead:'), codes: [], competencies: [], pos }],
      notes: [],
      pos,
    };
    expect(outline([competencyDetail('d', [area])]).slice(-2)).toEqual(['    cell', '      leadIn: Lead:']);
    expect(
      listItems([
        {
          id: 'i',
          text: cell('t'),
          codes: ['S'],
          children: [{ id: 'j', text: cell('u'), codes: [], children: [], pos }],
          pos,
        },
      ]),
    ).toEqual([
      {
        id: 'i',
        runs: [{ text: 't' }, { text: ' (S)', role: 'code' }],
        children: [{ id: 'j', runs: [{ text: 'u' }], children: [] }],
      },
    ]);
  });

  it('sections list their first two levels in the contents', () => {
    const [s] = sections(
      md('# A {#a}', '', 'a', '', '## B {#b}', '', 'b', '', '### C {#c}', '', 'c', '', '#### D {#d}', '', 'd'),
    );
    expect(outline(sectionBlocks(s, 1))).toEqual([
      'H1 #a A',
      'body: a',
      'H2 #b B',
      'body: b',
      'H3 #c C (not in contents)',
      'body: c',
      'H3 #d D (not in contents)',
      'body: d',
    ]);
    expect(outline(sectionBlocks(s, 2))).toEqual([
      'H2 #a A',
      'body: a',
      'H3 #b B (not in contents)',
      'body: b',
      'H3 #c C (not in contents)',
      'body: c',
      'H3 #d D (not in contents)',
      'body: d',
    ]);
    expect(outline(sectionBlocks(s, 1, false))[0]).toBe('H1 #a A (not in contents)');
    expect(contentsEntries(sectionBlocks(s, 1)).map((e) => `${e.level} ${e.id}`)).toEqual(['1 a', '2 b']);
  });

  it('the contents list toc headings up to level 3, in tables too, and each map; blocksIn walks cells and map notes', () => {
    const l3 = guidelines().levels[1];
    const blocks: Block[] = [
      { kind: 'heading', level: 4, id: 'deep', text: 'Deep', toc: true },
      { kind: 'heading', level: 2, id: 'off', text: 'Off', toc: false },
      competencyDetail('d', l3.detail.areas),
      impactMap('The Map', l3.impactMap!),
    ];
    expect(contentsEntries(blocks)).toEqual([
      { level: 3, id: 'l3.thinking', text: 'Thinking' },
      { level: 3, id: 'l3.caring', text: 'Caring' },
      { level: 2, id: 'l3.impact-map', text: 'The Map' },
    ]);
    expect([...blocksIn(blocks)].map((b) => b.kind)).toEqual([
      'heading',
      'heading',
      'table',
      'heading',
      'paragraph',
      'list',
      'paragraph',
      'list',
      'paragraph',
      'heading',
      'paragraph',
      'list',
      'list',
      'impactMap',
      'paragraph',
    ]);
    expect(contents('Contents', [{ kind: 'chapter', id: 'c', title: 'C', runningHead: 'C', blocks }])).toEqual({
      kind: 'contents',
      title: 'Contents',
      entries: contentsEntries(blocks),
    });
    expect(runsText([{ text: 'a' }, { text: 'b', bold: true }])).toBe('ab');
    expect(outline(glossaryBlocks(guidelines().glossary!))[0]).toBe('H1 #glossary Glossary');
  });

  it("a copyright page without a notice has the edition's lines only", () => {
    expect(partOutline(copyrightPage(null, settings({ copyrightExtra: ['One.', 'Two.'] })))).toEqual([
      'copyright',
      '  small: One.',
      '  small: Two.',
      '  muted: Example Association (EX-AIMH) · November 2026',
    ]);
  });
});

// The packet template as the tests read it: the yaml package on templates/packet.yaml, not src/read.
const TEMPLATE_YAML = parseYaml(readFileSync(join(process.cwd(), 'templates', 'packet.yaml'), 'utf8')) as {
  coverTitle: string;
  headings: Record<string, string>;
  letter: { salutation: string; genericSalutation: string; paragraphs: string[]; closing: string[] };
  forms: Record<
    string,
    { title: string; intro: string[]; rows: unknown; columns?: { label: string; width: number }[] }
  >;
};
type FieldYaml = { name: string; label: string; width: number; kind?: string; required?: boolean };

function template(): PacketTemplate {
  const diag = new Diagnostics();
  const t = readPacketTemplate(process.cwd(), diag);
  expect(diag.messages()).toEqual([]);
  return t!;
}

function edition(over: Record<string, unknown> = {}, words = englishWords()): Edition {
  const g = guidelines();
  return { id: 'ex', settings: settings(over), guidelines: g, changes: [], lacks: [], files: [], words };
}

const OFFICE = {
  office: {
    name: 'EX Office',
    address: ['1 Main St', 'Lansing, MI 48933'],
    phone: '555-0100',
    email: 'office@example.org',
  },
  fees: { '1': '$40', '2': '$50', '3': '$75', '4': '$90' },
  applicationDeadline: 'March 1, 2027',
};
const ANA: Addressee = {
  first_name: 'Ana',
  last_name: 'Pérez',
  address_line1: '2 Oak Ave',
  address_line2: 'Apt 4',
  city: 'Lansing',
  state: 'MI',
  postal_code: '48910',
  email: 'ana@example.org',
  line: 4,
};

/** A form's or log's lines as the template gives them, in the outline's form. */
function formOutline(
  key: string,
  id: string,
  fill: (s: string) => string,
  values: Record<string, string> = {},
  extraRow?: string,
): string[] {
  const f = TEMPLATE_YAML.forms[key];
  const head = [`  H2 #${id} ${fill(f.title)}`];
  if (f.columns)
    return [
      ...head,
      `  log #${id}, ${(f as unknown as { rows: number }).rows} rows: ${f.columns.map((c) => `${c.label} (${c.width})`).join(' | ')}`,
      ...f.intro.map((p) => `    intro: ${fill(p)}`),
    ];
  const rows = (f.rows as FieldYaml[][]).map(
    (r) =>
      `    row: ${r.map((x) => `${x.name} "${x.label}" ${x.kind ?? 'text'} ${x.width}${x.required ? ' required' : ''}${values[x.name] ? ` = ${values[x.name]}` : ''}`).join(' | ')}`,
  );
  return [
    ...head,
    `  form #${id}`,
    ...f.intro.map((p) => `    intro: ${fill(p)}`),
    ...rows,
    ...(extraRow ? [extraRow] : []),
  ];
}

describe('a level packet', () => {
  const fill3 = (s: string) =>
    s
      .replace(/\{level\}/g, '3')
      .replace(/\{association\}/g, 'Example Association')
      .replace(/\{levelTitle\}/g, 'Specialist')
      .replace(/\{officeName\}/g, 'EX Office');

  it('is the letter, the cover, the copyright page, the contents, how to apply, every form and log of the template in order, the level and the glossary', () => {
    const e = edition(OFFICE);
    const l3 = e.guidelines.levels[1];
    const { document: doc, missing } = composePacket(e, l3, template());
    expect(missing).toEqual(['source/base/endorsement.md block {#endorsement.panel}']);
    expect(doc.kind).toBe('packet');
    expect(doc.level).toBe(3);
    expect(doc.meta).toEqual({
      title: 'EX-AIMH Endorsement Application Packet: Level 3',
      author: 'Example Association',
      subject: 'Endorsement Application Packet, Level 3 Specialist',
      keywords: englishWords().keywords,
      language: 'en-US',
      date: '2026-11-01',
    });
    expect(doc.furniture).toEqual({
      headerLine: 'EX-AIMH Endorsement Application Packet',
      footerLine: '© EX-AIMH 2026',
    });
    expect(doc.parts.map((p) => (p.kind === 'chapter' ? `chapter ${p.id}` : p.kind))).toEqual([
      'loose',
      'cover',
      'copyright',
      'contents',
      'chapter packet.l3.applying',
      'chapter packet.l3.forms',
      'chapter l3',
      'chapter glossary',
    ]);
    const [letter, coverPart, copyright, , applying, forms, levelPart, glossaryPart] = doc.parts;
    expect(partOutline(letter)).toEqual([
      'loose pages',
      '  letter from Example Association, November 1, 2026',
      `    ${TEMPLATE_YAML.letter.genericSalutation}`,
      ...TEMPLATE_YAML.letter.paragraphs.map((p) => `    ${fill3(p)}`),
      ...TEMPLATE_YAML.letter.closing.map((p) => `    ${fill3(p)}`),
    ]);
    expect(letter.kind === 'loose' && letter.blocks[0]).toMatchObject({
      window: ENVELOPE_WINDOWS['us-10'],
      folds: FOLDS['us-10'],
      address: [],
    });
    expect(coverPart).toEqual({
      kind: 'cover',
      association: 'Example Association',
      abbreviation: 'EX-AIMH',
      title: TEMPLATE_YAML.coverTitle,
      subtitle: 'Level 3: Specialist',
      dateLine: 'November 2026',
      color: '#1f4e79',
    });
    expect(partOutline(copyright)[0]).toBe('copyright');
    const H = TEMPLATE_YAML.headings;
    expect(partOutline(applying)).toEqual([
      `chapter #packet.l3.applying ${fill3(H.applying)} (running head: ${fill3(H.applying)})`,
      `  H1 #packet.l3.applying ${fill3(H.applying)}`,
      `  H2 #packet.l3.process ${H.process}`,
      '  number list from 1',
      '    * #endorsement.overview.inquiry Inquiry',
      '    * #endorsement.overview.application Application',
      '  body: The process begins.',
      `  H2 #packet.l3.requirements ${H.requirements}`,
      '  table plain #l3.requirements.table: Requirement (0.28) | Level 3 (0.72)',
      '    row',
      '      cell (row header)',
      '        body: Degree',
      '      cell',
      '        body: _Master_',
      '  number list from 3',
      '    * #l3.requirements.third Third',
      '    * #l3.requirements.fourth Fourth',
      `  H2 #packet.l3.portfolio ${H.portfolio}`,
      '  body: The portfolio consists of a list of courses; training experiences; and a signed Code of Ethics.',
      '  checklist #packet.l3.portfolio-checklist',
      '    [ ] A list of courses',
      '    [ ] Training experiences',
      '    [ ] A signed Code of Ethics',
      `  H2 #packet.l3.exam ${H.exam}`,
      '  body: The exam.',
      `  H2 #packet.l3.continuing ${H.continuing}`,
      '  body: Renew each year.',
      `  H2 #packet.l3.office ${H.office}`,
      '  body: EX Office',
      '  body: 1 Main St',
      '  body: Lansing, MI 48933',
      '  body: Phone: 555-0100',
      '  body: Email: office@example.org',
      '  body: Application fee: $75',
      '  body: Application deadline: March 1, 2027',
    ]);
    const id = (s: string) => `packet.l3.${s}`;
    expect(partOutline(forms)).toEqual([
      `chapter #packet.l3.forms ${H.forms} (running head: ${H.forms})`,
      `  H1 #packet.l3.forms ${H.forms}`,
      ...formOutline(
        'application',
        id('application'),
        fill3,
        {},
        `    row: packet_id "Packet id (filled in for you)" text 1 read-only = edition=ex; level=3`,
      ),
      '  page break',
      ...formOutline('trainingLog', id('training-log'), fill3),
      '  page break',
      ...formOutline('workLog', id('work-log'), fill3),
      '  page break',
      ...formOutline('supervisionLog', id('supervision-log'), fill3),
      '  page break',
      ...formOutline('reference', id('reference'), fill3, { ref_level: 'Level 3, Specialist' }),
      '  page break',
      ...formOutline('ethics', id('ethics'), fill3),
    ]);
    // Every form and log the template has, the Work Experience Log among them.
    expect(
      partOutline(forms)
        .filter((l) => l.startsWith('  H2 '))
        .map((l) => l.replace(/^ {2}H2 #\S+ /, '')),
    ).toEqual(
      ['application', 'trainingLog', 'workLog', 'supervisionLog', 'reference', 'ethics'].map((k) =>
        fill3(TEMPLATE_YAML.forms[k].title),
      ),
    );
    expect(partOutline(levelPart)).toEqual([
      'chapter #l3 Level 3: Specialist (running head: Level 3: Specialist)',
      ...outline(levelChapter(l3).blocks, '  '),
    ]);
    expect(partOutline(glossaryPart)[0]).toBe('chapter #glossary Glossary (running head: Glossary)');
    expect(partOutline(doc.parts[3]).slice(0, 4)).toEqual([
      'contents Contents',
      `  1 #packet.l3.applying ${fill3(H.applying)}`,
      `  2 #packet.l3.process ${H.process}`,
      `  2 #packet.l3.requirements ${H.requirements}`,
    ]);
  });

  it('without office, fee or deadline prints blanks and says which; no exam below Level 3; requirements from the endorsement introduction where the level has none', () => {
    const e = edition();
    const l1 = e.guidelines.levels[0];
    const { document: doc, missing } = composePacket(e, l1, template());
    expect(missing).toEqual(['office (name and address)', 'fees.1 (application fee)', 'applicationDeadline']);
    const applying = partOutline(doc.parts[4]);
    expect(applying.filter((l) => / H2 /.test(l)).map((l) => l.split(' ')[3])).toEqual([
      '#packet.l1.process',
      '#packet.l1.requirements',
      '#packet.l1.portfolio',
      '#packet.l1.continuing',
      '#packet.l1.office',
    ]);
    expect(
      applying.slice(
        applying.indexOf(`  H2 #packet.l1.requirements ${TEMPLATE_YAML.headings.requirements}`) + 1,
        applying.indexOf(`  H2 #packet.l1.requirements ${TEMPLATE_YAML.headings.requirements}`) + 5,
      ),
    ).toEqual([
      '  body: Before you apply:',
      '  bullet list',
      '    * #endorsement.detail.a-degree A degree',
      `  H2 #packet.l1.portfolio ${TEMPLATE_YAML.headings.portfolio}`,
    ]);
    expect(applying.slice(-4)).toEqual([
      '  body: Example Association',
      '  body: Address: ______________________________________________',
      '  body: Application fee: ______________',
      '  body: Application deadline: ______________',
    ]);
  });

  it('an office without phone or e-mail, and a fee in the currency', () => {
    const e = edition({
      office: { name: 'EX Office', address: ['1 Main St'] },
      fees: { '1': 40, '2': 50, '3': 60, '4': 70 },
      currency: 'USD',
      applicationDeadline: 'May 1',
    });
    const { document: doc, missing } = composePacket(e, e.guidelines.levels[0], template());
    expect(missing).toEqual([]);
    expect(partOutline(doc.parts[4]).slice(-5)).toEqual([
      '  H2 #packet.l1.office Where to Send Your Application',
      '  body: EX Office',
      '  body: 1 Main St',
      '  body: Application fee: $40.00',
      '  body: Application deadline: May 1',
    ]);
  });

  it('takes no portfolio checklist from a portfolio block that is not a sentence, and reports every block it lacks', () => {
    const e = edition(OFFICE);
    e.guidelines.endorsement = sections(
      md('# Endorsement {#endorsement}', '', '{#endorsement.portfolio}', '', '- a list'),
      'endorsement.md',
    )[0];
    const { document: doc, missing } = composePacket(e, e.guidelines.levels[1], template());
    expect(missing).toEqual(
      ['steps', 'process', 'exam', 'panel', 'continuing'].map(
        (b) => `source/base/endorsement.md block {#endorsement.${b}}`,
      ),
    );
    expect(partOutline(doc.parts[4]).some((l) => l.includes('portfolio'))).toBe(false);
    e.guidelines.endorsement = null;
    expect(composePacket(e, e.guidelines.levels[0], template()).missing).toEqual(
      ['steps', 'process', 'prerequisites-intro', 'prerequisites', 'portfolio', 'continuing'].map(
        (b) => `source/base/endorsement.md block {#endorsement.${b}}`,
      ),
    );
  });

  it('has no glossary chapter when the edition has no glossary', () => {
    const e = edition(OFFICE);
    e.guidelines.glossary = null;
    expect(
      composePacket(e, e.guidelines.levels[0], template()).document.parts.map((p) => p.kind === 'chapter' && p.id),
    ).toEqual([false, false, false, false, 'packet.l1.applying', 'packet.l1.forms', 'l1']);
  });

  it('for one applicant: the letter to them in the envelope window, their filled-in application with the packet id', () => {
    const e = edition({ ...OFFICE, pageSize: 'A4' });
    const { document: doc } = composePacket(e, e.guidelines.levels[1], template(), ANA);
    const letter = doc.parts[0];
    expect(letter.kind === 'loose' && letter.blocks[0]).toMatchObject({
      kind: 'letter',
      window: ENVELOPE_WINDOWS['din5008-b'],
      folds: FOLDS['din5008-b'],
      address: ['Ana Pérez', '2 Oak Ave', 'Apt 4', 'Lansing, MI 48910'],
      salutation: 'Dear Ana Pérez,',
    });
    const forms = partOutline(doc.parts[5]);
    const values = {
      first_name: 'Ana',
      last_name: 'Pérez',
      address_line1: '2 Oak Ave',
      address_line2: 'Apt 4',
      city: 'Lansing',
      state: 'MI',
      postal_code: '48910',
      email: 'ana@example.org',
      ref_candidate: 'Ana Pérez',
      ref_level: 'Level 3, Specialist',
    };
    const fillAna = (s: string) => fill3(s).replace('{firstName}', 'Ana').replace('{lastName}', 'Pérez');
    expect(forms.slice(2, forms.indexOf('  page break'))).toEqual(
      formOutline(
        'application',
        'packet.l3.application',
        fillAna,
        values,
        '    row: packet_id "Packet id (filled in for you)" text 1 read-only = edition=ex; level=3; line=4; applicant=Ana Pérez',
      ),
    );
    expect(forms).toContain(formOutline('reference', 'packet.l3.reference', fillAna, values)[3]);
  });

  it('shared by a mail merge: no letter and no application; the personal pages are the letter and the application', () => {
    const e = edition(OFFICE);
    const l3 = e.guidelines.levels[1];
    const t = template();
    const shared = composePacket(e, l3, t, undefined, { shared: true }).document;
    expect(shared.parts.map((p) => p.kind)).toEqual([
      'cover',
      'copyright',
      'contents',
      'chapter',
      'chapter',
      'chapter',
      'chapter',
    ]);
    expect(partOutline(shared.parts[4]).filter((l) => l.startsWith('  H2 ')).length).toBe(5);
    expect(partOutline(shared.parts[4])[2]).toBe(
      `  H2 #packet.l3.training-log ${TEMPLATE_YAML.forms.trainingLog.title}`,
    );
    const personal = composePersonalPages(e, l3, t, ANA);
    expect(personal.kind).toBe('personal');
    expect(personal.meta).toEqual(shared.meta);
    expect(personal.furniture).toEqual(shared.furniture);
    const { letter, application } = personalParts(e, l3, t, ANA);
    expect(personal.parts).toEqual([
      { kind: 'loose', blocks: [letter] },
      { kind: 'loose', blocks: application },
    ]);
    expect(outline(application)[0]).toBe('H2 #packet.l3.application Application for Endorsement at Level 3');
    expect(outline([letter])[1]).toBe('  to: Ana Pérez');
    // Another applicant of the same packet: the same shared parts, their own pages.
    const ben = composePersonalPages(e, l3, t, {
      ...ANA,
      first_name: 'Ben',
      address_line2: undefined,
      line: undefined,
    });
    expect(outline(ben.parts[0].kind === 'loose' ? ben.parts[0].blocks : [])).toContain('  to: 2 Oak Ave');
    expect(ben.parts[1].kind === 'loose' && outline(ben.parts[1].blocks).at(-1)).toBe(
      '  row: packet_id "Packet id (filled in for you)" text 1 read-only = edition=ex; level=3; line=; applicant=Ben Pérez',
    );
    // A template of another edition's: composed again, not the one kept.
    const other = { ...t, coverTitle: 'Other Packet' };
    expect(composePersonalPages(e, l3, other, ANA).meta.title).toBe('EX-AIMH Other Packet: Level 3');
  });

  it("in Spanish: the template's words replaced by the language table's, field by field and column by column", () => {
    const e = edition(OFFICE, SPANISH);
    const t = template();
    const es = packetInLanguage(t, SPANISH);
    expect(packetInLanguage(t, SPANISH)).toEqual(es);
    expect(packetInLanguage(t, englishWords())).toBe(t);
    const P = SPANISH.packet!;
    expect(es.coverTitle).toBe(P.coverTitle);
    expect(es.letter.salutation).toBe(P.letter!.salutation);
    expect(es.headings.applying).toBe(P.headings!.applying);
    expect(es.officeLabels.fee).toBe(P.officeLabels!.fee);
    expect(es.forms.application.title).toBe(P.forms!.application!.title);
    expect(es.forms.application.intro).toEqual(P.forms!.application!.intro);
    expect(es.forms.application.rows.flat().map((f) => f.label)).toEqual(
      t.forms.application.rows.flat().map((f) => P.forms!.application!.labels![f.name] ?? f.label),
    );
    expect(es.forms.application.rows.flat()[0].label).toBe('Nombre');
    for (const k of ['trainingLog', 'workLog', 'supervisionLog'] as const) {
      expect(es.forms[k].title).toBe(P.forms![k]!.title);
      expect(es.forms[k].intro).toEqual(P.forms![k]!.intro);
      expect(es.forms[k].columns.map((c) => c.label)).toEqual(
        t.forms[k].columns.map((c, i) => P.forms![k]!.columns?.[i] ?? c.label),
      );
      expect(es.forms[k].columns.map((c) => c.width)).toEqual(t.forms[k].columns.map((c) => c.width));
      expect(es.forms[k].rows).toBe(t.forms[k].rows);
    }
    for (const k of ['reference', 'ethics'] as const) {
      expect(es.forms[k].title).toBe(P.forms![k]!.title);
      expect(es.forms[k].rows.flat().map((f) => f.label)).toEqual(
        t.forms[k].rows.flat().map((f) => P.forms![k]!.labels?.[f.name] ?? f.label),
      );
    }
    // A table with only some words: the rest are the template's.
    const partial = packetInLanguage(t, { ...SPANISH, packet: { coverTitle: 'Solo' } });
    expect(partial).toEqual({ ...t, coverTitle: 'Solo' });
    const { document: doc } = composePacket(e, e.guidelines.levels[1], t);
    expect(doc.meta.title).toBe(`EX-AIMH ${P.coverTitle}: ${SPANISH.level.replace('{level}', '3')}`);
    expect(partOutline(doc.parts[4])[1]).toBe(
      `  H1 #packet.l3.applying ${P.headings!.applying!.replace('{level}', '3')}`,
    );
  });
});

describe('a level packet, its edges', () => {
  it('takes language tables with only some words of a form or log', () => {
    const t = template();
    const some = packetInLanguage(t, {
      ...SPANISH,
      packet: { forms: { application: { title: 'Solicitud' }, trainingLog: { title: 'Formación' } } },
    });
    expect(some.forms.application.title).toBe('Solicitud');
    expect(some.forms.application.rows).toEqual(t.forms.application.rows);
    expect(some.forms.trainingLog.columns).toEqual(t.forms.trainingLog.columns);
  });

  it('finds an endorsement block in any sub-section, not only the first', () => {
    const e = edition(OFFICE);
    e.guidelines.endorsement = sections(
      md(
        '# Endorsement {#endorsement}',
        '',
        'Text.',
        '',
        '## A {#endorsement.a}',
        '',
        'A.',
        '',
        '## B {#endorsement.b}',
        '',
        '{#endorsement.continuing}',
        '',
        'Renew.',
      ),
      'endorsement.md',
    )[0];
    const { document: doc, missing } = composePacket(e, e.guidelines.levels[0], template());
    expect(missing).not.toContain('source/base/endorsement.md block {#endorsement.continuing}');
    expect(partOutline(doc.parts[4])).toContain('  body: Renew.');
  });

  it('leaves names blank in a letter to every candidate, and a second street line the applicant lacks', () => {
    const e = edition(OFFICE);
    const t = template();
    const named = { ...t, letter: { ...t.letter, paragraphs: ['Hello {firstName}{lastName}.'] } };
    const letter = composePacket(e, e.guidelines.levels[0], named).document.parts[0];
    expect(letter.kind === 'loose' && outline(letter.blocks)).toContain('  Hello .');
    const { application } = personalParts(e, e.guidelines.levels[0], t, { ...ANA, address_line2: undefined });
    expect(outline(application).find((l) => l.includes('address_line2'))).toBe(
      '  row: address_line2 "Address (line 2)" text 1',
    );
  });

  it('puts each applicant’s pages on the shared packet a mail merge composes once per edition and level', () => {
    const e = edition(OFFICE);
    const t = template();
    const [l1, l3] = e.guidelines.levels;
    const shared = sharedPacket(e, l3, t);
    const a = composePersonalPages(e, l3, t, ANA, shared);
    const b = composePersonalPages(e, l3, t, { ...ANA, first_name: 'Ben' }, shared);
    expect(a.meta).toBe(shared.meta);
    expect(b.meta).toBe(shared.meta);
    expect(a.parts).not.toBe(shared.parts);
    const one = composePersonalPages(e, l1, t, ANA);
    expect(one.meta.title).toBe('EX-AIMH Endorsement Application Packet: Level 1');
    expect(a.meta.title).toBe('EX-AIMH Endorsement Application Packet: Level 3');
    // Composed without a shared packet, the same metadata: the shared one only saves the work.
    expect(composePersonalPages(e, l3, t, ANA).meta).toEqual(a.meta);
  });
});

describe('packet ids, field names and required fields', () => {
  it('names the edition and level, and the applicant by roster line', () => {
    expect(packetId('us', 3)).toBe('edition=us; level=3');
    expect(packetId('us', 3, ANA)).toBe('edition=us; level=3; line=4; applicant=Ana Pérez');
    expect(fieldName('packet.l3.ethics', 'ethics-date')).toBe('packet_l3_ethics_ethics_date');
    expect(PACKET_ID_FIELD).toBe('packet_id');
    expect(PACKET_FORMS.map(([k]) => k)).toEqual(['application', 'reference', 'ethics']);
  });

  it('lists the fields the template marks required, by form', () => {
    const expected = (['application', 'reference', 'ethics'] as const).flatMap((k) =>
      (TEMPLATE_YAML.forms[k].rows as FieldYaml[][])
        .flat()
        .filter((f) => f.required)
        .map((f) => ({ key: `${k}_${f.name}`, label: f.label })),
    );
    expect(requiredFields(template())).toEqual(expected);
    expect(expected.map((f) => f.key)).toContain('application_last_name');
  });

  it('ticks each item of the portfolio sentence', () => {
    const p = (s: string) => ({
      kind: 'paragraph' as const,
      text: [{ text: s }],
      pos: { file: 'f', line: 1, column: 1 },
    });
    expect(
      portfolioItems(p('The portfolio consists of transcripts; a list of trainings;  and three references.')).map(runs),
    ).toEqual(['Transcripts', 'A list of trainings', 'Three references']);
    expect(portfolioItems(p('the PORTFOLIO consists of   one thing.')).map(runs)).toEqual(['One thing']);
    expect(portfolioItems(p('Items; ; and more.')).map(runs)).toEqual(['Items', 'More']);
    expect(portfolioItems(p('A; andrew.')).map(runs)).toEqual(['A', 'Andrew']);
    expect(
      portfolioItems(
        p('The portfolio consists of Ph.D. transcripts; references from brand new colleagues; and  a C.V.'),
      ).map(runs),
    ).toEqual(['Ph.D. transcripts', 'References from brand new colleagues', 'A C.V']);
    expect(portfolioItems(p('See: the portfolio consists of a; b.')).map(runs)).toEqual([
      'See: the portfolio consists of a',
      'B',
    ]);
  });
});

describe('the envelope window', () => {
  const mm = 72 / 25.4;
  it('is named, custom in millimetres, or by page size; with its fold marks', () => {
    expect(ENVELOPE_WINDOW).toEqual({ x: 63, y: 144, width: 324, height: 81 });
    expect(envelopeWindow({ pageSize: 'LETTER' })).toEqual({ x: 63, y: 144, width: 324, height: 81 });
    const b = envelopeWindow({ pageSize: 'A4' });
    expect([b.x / mm, b.y / mm, b.width / mm, b.height / mm].map((v) => +v.toFixed(3))).toEqual([20, 62.7, 85, 27.3]);
    const a = envelopeWindow({ pageSize: 'A4', envelope: 'din5008-a' });
    expect([a.x / mm, a.y / mm, a.width / mm, a.height / mm].map((v) => +v.toFixed(3))).toEqual([20, 44.7, 85, 27.3]);
    const c = envelopeWindow({ pageSize: 'LETTER', envelope: 'c5-6' });
    expect([c.x / mm, c.y / mm, c.width / mm, c.height / mm].map((v) => +v.toFixed(3))).toEqual([20, 45, 90, 45]);
    const custom = envelopeWindow({ pageSize: 'A4', envelope: { left: 10, top: 20, width: 30, height: 40 } });
    expect([custom.x / mm, custom.y / mm, custom.width / mm, custom.height / mm].map((v) => +v.toFixed(3))).toEqual([
      10, 20, 30, 40,
    ]);
    expect(foldsFor({ pageSize: 'LETTER' }).map((v) => +(v / 72).toFixed(3))).toEqual([3.667, 7.333]);
    expect(foldsFor({ pageSize: 'A4' }).map((v) => +(v / mm).toFixed(3))).toEqual([105, 210]);
    expect(foldsFor({ pageSize: 'A4', envelope: 'din5008-a' }).map((v) => +(v / mm).toFixed(3))).toEqual([87, 192]);
    expect(foldsFor({ pageSize: 'LETTER', envelope: 'c5-6' }).map((v) => +(v / mm).toFixed(3))).toEqual([105, 210]);
    expect(
      foldsFor({ pageSize: 'A4', envelope: { left: 10, top: 20, width: 30, height: 40 } }).map(
        (v) => +(v / mm).toFixed(3),
      ),
    ).toEqual([105, 210]);
    expect(
      foldsFor({ pageSize: 'LETTER', envelope: { left: 10, top: 20, width: 30, height: 40 } }).map(
        (v) => +(v / 72).toFixed(3),
      ),
    ).toEqual([3.667, 7.333]);
  });

  it('sets the address 6 pt inside the window, at the largest size from 10.5 down to 8.5 pt that fits', () => {
    expect(ADDRESS_AREA).toEqual({ x: 69, y: 150, width: 312, height: 69 });
    expect(addressArea({ x: 0, y: 10, width: 100, height: 50 })).toEqual({ x: 6, y: 16, width: 88, height: 38 });
    // A monospaced font: each character half the size wide, a line as tall as the size.
    const mono: LineMetrics = { width: (t, size) => [...t].length * size * 0.5, lineHeight: (_t, size) => size };
    expect(fittedAddressSize(['short'], mono)).toBe(10.5);
    // 312 pt: 59 characters fit at 10.5 (309.75), 60 do not (315); 60 fit at 10 (300).
    expect(fittedAddressSize(['x'.repeat(59)], mono)).toBe(10.5);
    expect(fittedAddressSize(['x'.repeat(60)], mono)).toBe(10);
    expect(fittedAddressSize(['x'.repeat(73)], mono)).toBe(8.5); // 310.25 at 8.5
    expect(fittedAddressSize(['x'.repeat(74)], mono)).toBeNull();
    expect(fittedAddressSize(['short', 'x'.repeat(74)], mono)).toBeNull();
    // Height: 69 pt holds lines of size × 1.15: five at 10.5 (60.4), six at 10 (69), seven at 8.5 (68.4).
    expect(fittedAddressSize(Array(5).fill('a'), mono)).toBe(10.5);
    expect(fittedAddressSize(Array(6).fill('a'), mono)).toBe(10);
    expect(fittedAddressSize(Array(7).fill('a'), mono)).toBe(8.5);
    expect(fittedAddressSize(Array(8).fill('a'), mono)).toBeNull();
    expect(fittedAddressSize(['x'.repeat(20)], mono, { x: 0, y: 0, width: 112, height: 40 })).toBe(10);
    expect(charactersThatFit('x'.repeat(100), mono)).toBe(73);
    expect(charactersThatFit('x'.repeat(10), mono)).toBe(10);
    expect(charactersThatFit('', mono)).toBe(0);
    expect(charactersThatFit('😀'.repeat(80), mono)).toBe(73);
    expect(charactersThatFit('x'.repeat(100), mono, { x: 0, y: 0, width: 29, height: 40 })).toBe(4);
  });

  it('makes the address lines of the roster fields, the second street line only when there is one', () => {
    expect(addressLines(ANA)).toEqual([
      { text: 'Ana Pérez', fields: ['first_name', 'last_name'] },
      { text: '2 Oak Ave', fields: ['address_line1'] },
      { text: 'Apt 4', fields: ['address_line2'] },
      { text: 'Lansing, MI 48910', fields: ['city', 'state', 'postal_code'] },
    ]);
    expect(addressLines({ ...ANA, address_line2: '' }).map((l) => l.text)).toEqual([
      'Ana Pérez',
      '2 Oak Ave',
      'Lansing, MI 48910',
    ]);
  });
});
