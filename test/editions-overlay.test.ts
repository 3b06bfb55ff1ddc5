// An edition's overrides applied to the base, on small sources read here: each operation (replace, add, remove) of
// each kind (level title, section, area, competency, Impact Map, glossary entry, detail notes), what each refuses and
// the change it reports, written out by hand; the editions' names, what an edition lacks, and resolveEdition.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lacksOf, resolveEdition, type EditionSource } from '../src/editions/edition.js';
import { editionIds, nearest, unknownEdition } from '../src/editions/names.js';
import { applyOverlay, type Overlay } from '../src/editions/overlay.js';
import { areaText, competencyText, glossaryEntryText, impactMapText, sectionText } from '../src/editions/text.js';
import { Diagnostics } from '../src/model/diagnostics.js';
import type { Guidelines } from '../src/model/schema.js';
import { glossary, level, levelParts, md, sections } from './helpers/read-md.js';

const MAP = (n: number, suffix: string) => [
  `# Impact Map {#l${n}.impact-map}`,
  '',
  '## Capabilities',
  '',
  `- Cap ${suffix}`,
  '',
  '## Key Responsibilities',
  '',
  `- Key ${suffix}`,
  '',
  `## Level ${n} Results`,
  '',
  `- Result ${suffix}`,
  '',
  '## Service Objectives',
  '',
  `- Objective ${suffix}`,
  '',
  '## Service Goal',
  '',
  `- Goal ${suffix}`,
];

const LEVEL_1 = md(
  '---',
  'level: 1',
  'title: Base One',
  '---',
  '',
  '# Introduction {#l1.intro}',
  '',
  'Base introduction.',
  '',
  '# Competency Detail {#l1.detail}',
  '',
  '## Thinking {#l1.thinking}',
  '',
  '### Knowledge Areas',
  '',
  '- reflection',
  '',
  '### As Demonstrated By',
  '',
  '- Sees the whole picture (S, T)',
  '  - Names its parts',
  '- Plans ahead',
  '',
  '## Caring {#l1.caring}',
  '',
  '### Skill Areas',
  '',
  '- listening',
  '',
  '### As Demonstrated By',
  '',
  '- Listens well',
  '',
  '*Also:*',
  '',
  '- Waits',
  '',
  ...MAP(1, 'one'),
);

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const LEVEL_2 = md(
  '---',
  'level: 2',
  'title: Base Two',
  '---',
  '',
  '# Introduction {#l2.intro}',
  '',
  'Second introduction.',
  '',
  '# Endorsement Requirements {#l2.requirements}',
  '',
  '- Base requirement',
  '',
  '# Competency Detail {#l2.detail}',
  '',
  ...LETTERS.flatMap((x) => [
    `## Area ${x.toUpperCase()} {#l2.${x}}`,
    '',
    '### Knowledge Areas',
    '',
    `- knowledge ${x}`,
    '',
    '### As Demonstrated By',
    '',
    `- Does ${x}`,
    '',
  ]),
  '---',
  '',
  'Base notes on the detail.',
);

const ENDORSEMENT = md(
  '# Endorsement {#endorsement}',
  '',
  'Endorsement text.',
  '',
  '## Steps {#endorsement.steps}',
  '',
  'Step text.',
  '',
  '### Detail {#endorsement.steps.detail}',
  '',
  'Detail text.',
);
const COMMITTEE = md(
  '# Committee {#committee}',
  '',
  'Committee text.',
  '',
  '## Members {#committee.members}',
  '',
  '- A member',
  '',
  '# Acknowledgements {#acknowledgements}',
  '',
  'Thanks.',
);
const GLOSSARY = md('# Glossary {#glossary}', '', '**Attachment**: a bond.', '', '**Reflection**: thinking back.');

function base(): Guidelines {
  return {
    levels: [level(LEVEL_1, 'base/level-1.md'), level(LEVEL_2, 'base/level-2.md')],
    endorsement: sections(ENDORSEMENT, 'base/endorsement.md')[0],
    committee: sections(COMMITTEE, 'base/committee.md'),
    glossary: glossary(GLOSSARY, 'base/glossary.md'),
    copyright: null,
  };
}

/** Applies an overlay of edition "ex"; the changes without their positions, and the messages. */
function apply(o: Partial<Overlay>, g: Guidelines = base(), broken?: Set<string>) {
  const diag = new Diagnostics();
  const before = JSON.stringify(g);
  const r = applyOverlay(g, { editionId: 'ex', levels: [], prose: [], glossary: null, remove: [], ...o }, diag, broken);
  // The base is never changed: the overlay works on a copy.
  expect(JSON.stringify(g)).toBe(before);
  return {
    guidelines: r.guidelines,
    changes: r.changes,
    summary: r.changes.map(({ pos: _pos, ...c }) => c),
    errors: diag.messages(),
  };
}

const at = (line: number) => ({ file: 'source/editions/ex/edition.yaml', line, column: 5 });
const areaIds = (g: Guidelines, n: number) => g.levels[n - 1].detail.areas.map((a) => a.id);

describe('an edition overlay on its level files', () => {
  it('replaces the title, the introduction, a nested competency, the Impact Map; adds requirements, a competency, an area after the one before it, and notes', () => {
    const lp = levelParts(
      md(
        '---',
        'level: 1',
        'title: Example One',
        '---',
        '',
        '# Introduction {#l1.intro}',
        '',
        'Example introduction.',
        '',
        '# Endorsement Requirements {#l1.requirements}',
        '',
        '- Requirement one',
        '',
        '# Competency Detail {#l1.detail}',
        '',
        '## Thinking {#l1.thinking}',
        '',
        '### Competencies',
        '',
        '- Names every part {#l1.thinking.sees-the-whole-picture.names-its-parts}',
        '- Added competency {#ex.added}',
        '- Gone {#l1.thinking.gone}',
        '',
        '## Example Area {#ex.area}',
        '',
        '### Knowledge Areas',
        '',
        '- example knowledge',
        '',
        '### As Demonstrated By',
        '',
        '- Demonstrates the example',
        '',
        '---',
        '',
        'A note on the whole detail.',
        '',
        ...MAP(1, 'two').slice(0, 2),
        'Map note.',
        '',
        ...MAP(1, 'two').slice(2),
      ),
      'source/editions/ex/level-1.md',
    );
    const { guidelines, summary, changes, errors } = apply({ levels: [lp] });
    expect(errors).toEqual([
      'source/editions/ex/level-1.md:22:1: no competency with id "l1.thinking.gone" in the base; expected one of l1.thinking.sees-the-whole-picture, l1.thinking.plans-ahead, ex.added, or a new id starting with "ex."',
    ]);
    const mapText = (s: string, note = '') =>
      `${note}Capabilities:\n- Cap ${s}\nKey Responsibilities:\n- Key ${s}\nLevel 1 Results:\n- Result ${s}\nService Objectives:\n- Objective ${s}\nService Goal:\n- Goal ${s}`;
    expect(summary).toEqual([
      {
        op: 'replace',
        kind: 'level title',
        id: 'l1',
        title: 'Example One',
        where: 'Level 1',
        before: 'Base One',
        after: 'Example One',
      },
      {
        op: 'replace',
        kind: 'section',
        id: 'l1.intro',
        title: 'Introduction',
        where: 'Level 1',
        before: 'Introduction\nBase introduction.',
        after: 'Introduction\nExample introduction.',
      },
      {
        op: 'add',
        kind: 'section',
        id: 'l1.requirements',
        title: 'Endorsement Requirements',
        where: 'Level 1',
        after: 'Endorsement Requirements\n- Requirement one',
      },
      {
        op: 'replace',
        kind: 'impact map',
        id: 'l1.impact-map',
        title: 'Level 1 Impact Map',
        where: 'Level 1',
        before: mapText('one'),
        after: mapText('two', 'Map note.\n'),
      },
      {
        op: 'replace',
        kind: 'competency',
        id: 'l1.thinking.sees-the-whole-picture.names-its-parts',
        title: 'Names every part',
        within: 'Thinking',
        where: 'Level 1',
        before: '- Names its parts',
        after: '- Names every part',
      },
      {
        op: 'add',
        kind: 'competency',
        id: 'ex.added',
        title: 'Added competency',
        within: 'Thinking',
        where: 'Level 1',
        after: '- Added competency',
      },
      {
        op: 'add',
        kind: 'area',
        id: 'ex.area',
        title: 'Example Area',
        where: 'Level 1',
        after: 'Example Area\nKnowledge Areas: example knowledge\n- Demonstrates the example',
      },
      { op: 'add', kind: 'detail notes', id: 'l1.detail', title: 'Notes on the Competency Detail', where: 'Level 1' },
    ]);
    expect(changes[0].pos).toEqual({ file: 'source/editions/ex/level-1.md', line: 1, column: 1 });
    expect(changes[1].pos).toEqual({ file: 'source/editions/ex/level-1.md', line: 6, column: 1 });
    expect(changes[7].pos).toEqual({ file: 'source/editions/ex/level-1.md', line: 14, column: 1 });
    const l1 = guidelines.levels[0];
    expect(l1.title).toBe('Example One');
    expect(l1.intro.blocks).toEqual(lp.intro!.blocks);
    expect(l1.requirements).toEqual(lp.requirements);
    expect(l1.impactMap).toEqual(lp.impactMap);
    expect(l1.detail.notes).toEqual(lp.detail!.notes);
    expect(areaIds(guidelines, 1)).toEqual(['l1.thinking', 'ex.area', 'l1.caring']);
    const thinking = l1.detail.areas[0];
    expect(competencyText(thinking.groups[0].competencies[0])).toBe(
      '- Sees the whole picture (S, T)\n  - Names every part',
    );
    expect(thinking.groups.at(-1)!.competencies.map((c) => c.id)).toEqual([
      'l1.thinking.sees-the-whole-picture',
      'l1.thinking.plans-ahead',
      'ex.added',
    ]);
    // The other level is the base's.
    expect(guidelines.levels[1]).toEqual(base().levels[1]);
  });

  it('puts each new area after the area named just before it, and refuses an unknown one naming six known ids', () => {
    const area = (id: string, name: string) => [
      `## ${name} {#${id}}`,
      '',
      '### Skill Areas',
      '',
      `- skill of ${name}`,
      '',
      '### As Demonstrated By',
      '',
      `- Shows ${name}`,
      '',
    ];
    const lp = levelParts(
      md(
        '---',
        'level: 2',
        'title: Base Two',
        '---',
        '',
        '# Competency Detail {#l2.detail}',
        '',
        ...area('l2.b', 'New B'),
        ...area('ex.first', 'First'),
        ...area('ex.second', 'Second'),
        '## Area D {#l2.d}',
        '',
        '### Competencies',
        '',
        '- Does d better {#l2.d.does-d}',
        '',
        ...area('ex.third', 'Third'),
        ...area('l2.nope', 'Nope'),
        '## Nowhere {#l2.nowhere}',
        '',
        '### Competencies',
        '',
        '- Anything {#ex.anything}',
        '',
        '---',
        '',
        'Example notes on the detail.',
      ),
      'source/editions/ex/level-2.md',
    );
    const { guidelines, summary, errors } = apply({ levels: [lp] });
    expect(areaIds(guidelines, 2)).toEqual([
      'l2.a',
      'l2.b',
      'ex.first',
      'ex.second',
      'l2.c',
      'l2.d',
      'ex.third',
      'l2.e',
      'l2.f',
      'l2.g',
    ]);
    expect(guidelines.levels[1].detail.areas[1].name).toBe('New B');
    expect(guidelines.levels[1].title).toBe('Base Two');
    expect(errors).toEqual([
      'source/editions/ex/level-2.md:54:1: no area with id "l2.nope" in the base; expected one of l2.a, l2.b, ex.first, ex.second, l2.c, l2.d, …, or a new id starting with "ex."',
      'source/editions/ex/level-2.md:64:1: no area with id "l2.nowhere" in the base; expected one of l2.a, l2.b, ex.first, ex.second, l2.c, l2.d, …, or a new id starting with "ex."',
    ]);
    expect(summary).toEqual([
      {
        op: 'replace',
        kind: 'area',
        id: 'l2.b',
        title: 'New B',
        where: 'Level 2',
        before: 'Area B\nKnowledge Areas: knowledge b\n- Does b',
        after: 'New B\nSkill Areas: skill of New B\n- Shows New B',
      },
      {
        op: 'add',
        kind: 'area',
        id: 'ex.first',
        title: 'First',
        where: 'Level 2',
        after: 'First\nSkill Areas: skill of First\n- Shows First',
      },
      {
        op: 'add',
        kind: 'area',
        id: 'ex.second',
        title: 'Second',
        where: 'Level 2',
        after: 'Second\nSkill Areas: skill of Second\n- Shows Second',
      },
      {
        op: 'replace',
        kind: 'competency',
        id: 'l2.d.does-d',
        title: 'Does d better',
        within: 'Area D',
        where: 'Level 2',
        before: '- Does d',
        after: '- Does d better',
      },
      {
        op: 'add',
        kind: 'area',
        id: 'ex.third',
        title: 'Third',
        where: 'Level 2',
        after: 'Third\nSkill Areas: skill of Third\n- Shows Third',
      },
      {
        op: 'replace',
        kind: 'detail notes',
        id: 'l2.detail',
        title: 'Notes on the Competency Detail',
        where: 'Level 2',
      },
    ]);
  });

  it('adds sections and maps under new ids, and refuses ids the base does not have, naming the one it has', () => {
    const l1 = levelParts(
      md(
        '---',
        'level: 1',
        '---',
        '',
        '# Endorsement Requirements {#ex.l1-requirements}',
        '',
        'New requirements.',
        '',
        ...MAP(1, 'x').map((l) => l.replace('{#l1.impact-map}', '{#l1.map}')),
      ),
      'source/editions/ex/level-1.md',
    );
    const l2 = levelParts(
      md(
        '---',
        'level: 2',
        '---',
        '',
        '# Introduction {#l2.introduction}',
        '',
        'Wrong id.',
        '',
        '# Endorsement Requirements {#ex.requirements}',
        '',
        'Other.',
        '',
        ...MAP(2, 'y').map((l) => l.replace('{#l2.impact-map}', '{#ex.l2-map}')),
      ),
      'source/editions/ex/level-2.md',
    );
    const l3 = levelParts(
      md('---', 'level: 3', '---', '', '# Introduction {#l3.intro}', '', 'No such level.'),
      'source/editions/ex/level-3.md',
    );
    const { guidelines, summary, errors } = apply({ levels: [l1, l2, l3] });
    expect(errors).toEqual([
      'source/editions/ex/level-1.md:9:1: no Impact Map with id "l1.map" in the base; expected one of l1.impact-map, or a new id starting with "ex."',
      'source/editions/ex/level-2.md:5:1: no section with id "l2.introduction" in the base; expected one of l2.intro, or a new id starting with "ex."',
      'source/editions/ex/level-2.md:9:1: no section with id "ex.requirements" in the base; expected one of l2.requirements, or a new id starting with "ex."',
      'source/editions/ex/level-3.md:1:1: level 3 is not in the base; expected a level from 1 to 4',
    ]);
    expect(summary).toEqual([
      {
        op: 'add',
        kind: 'section',
        id: 'ex.l1-requirements',
        title: 'Endorsement Requirements',
        where: 'Level 1',
        after: 'Endorsement Requirements\nNew requirements.',
      },
      {
        op: 'add',
        kind: 'impact map',
        id: 'ex.l2-map',
        title: 'Level 2 Impact Map',
        where: 'Level 2',
        after:
          'Capabilities:\n- Cap y\nKey Responsibilities:\n- Key y\nLevel 2 Results:\n- Result y\nService Objectives:\n- Objective y\nService Goal:\n- Goal y',
      },
    ]);
    expect(guidelines.levels[0].impactMap!.id).toBe('l1.impact-map');
    expect(guidelines.levels[1].impactMap!.id).toBe('ex.l2-map');
    expect(guidelines.levels[1].intro.id).toBe('l2.intro');
    expect(guidelines.levels[1].requirements!.id).toBe('l2.requirements');
  });

  it('names six known ids without "…", the base\'s own id where it is not the usual one, and the usual one where there is none', () => {
    const g = base();
    g.levels[1].detail.areas.pop();
    g.levels[1].intro.id = 'l2.introduction';
    const l2 = levelParts(
      md(
        '---',
        'level: 2',
        '---',
        '',
        '# Introduction {#l2.intro}',
        '',
        'Text.',
        '',
        '# Competency Detail {#l2.detail}',
        '',
        '## Nope {#l2.nope}',
        '',
        '### Competencies',
        '',
        '- X {#ex.x}',
      ),
      'source/editions/ex/level-2.md',
    );
    const l1 = levelParts(
      md('---', 'level: 1', '---', '', '# Endorsement Requirements {#l1.reqs}', '', 'Text.'),
      'source/editions/ex/level-1.md',
    );
    expect(apply({ levels: [l2, l1] }, g).errors).toEqual([
      'source/editions/ex/level-2.md:5:1: no section with id "l2.intro" in the base; expected one of l2.introduction, or a new id starting with "ex."',
      'source/editions/ex/level-2.md:11:1: no area with id "l2.nope" in the base; expected one of l2.a, l2.b, l2.c, l2.d, l2.e, l2.f, or a new id starting with "ex."',
      'source/editions/ex/level-1.md:5:1: no section with id "l1.reqs" in the base; expected one of l1.requirements, or a new id starting with "ex."',
    ]);
  });

  it('copies what is not plain data whole (a Map), and an object of no prototype by its keys', () => {
    const g = base() as Guidelines & { extra?: unknown; bare?: Record<string, unknown> };
    g.extra = new Map([['a', [1]]]);
    g.bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: [1, 2] });
    const r = apply({}, g).guidelines as typeof g;
    expect(r.extra).toEqual(new Map([['a', [1]]]));
    expect(r.extra).not.toBe(g.extra);
    expect({ ...r.bare }).toEqual({ k: [1, 2] });
    expect(r.bare!.k).not.toBe(g.bare.k);
  });

  it('a second overlay replaces what a first one added under a new id', () => {
    const add = levelParts(
      md('---', 'level: 2', '---', '', ...MAP(2, 'y').map((l) => l.replace('{#l2.impact-map}', '{#ex.l2-map}'))),
      'source/editions/ex/level-2.md',
    );
    const once = apply({ levels: [add] }).guidelines;
    const again = levelParts(
      md('---', 'level: 2', '---', '', ...MAP(2, 'z').map((l) => l.replace('{#l2.impact-map}', '{#ex.l2-map}'))),
      'source/editions/ex/level-2.md',
    );
    const { summary, errors } = apply({ editionId: 'other', levels: [again] } as Partial<Overlay>, once);
    expect(errors).toEqual([]);
    expect(summary.map((c) => `${c.op} ${c.kind} ${c.id}`)).toEqual(['replace impact map ex.l2-map']);
  });

  it('refuses a competency added to an area that has no group to add to', () => {
    const g = base();
    g.levels[0].detail.areas[1].groups = [];
    const lp = levelParts(
      md(
        '---',
        'level: 1',
        '---',
        '',
        '# Competency Detail {#l1.detail}',
        '',
        '## Caring {#l1.caring}',
        '',
        '### Competencies',
        '',
        '- New care {#ex.care}',
      ),
      'source/editions/ex/level-1.md',
    );
    const { summary, errors } = apply({ levels: [lp] }, g);
    expect(errors).toEqual([
      'source/editions/ex/level-1.md:11:1: area "Caring" has no group to add to; expected an area with competencies',
    ]);
    expect(summary).toEqual([]);
  });

  it('checks nothing against a base file that had problems of its own', () => {
    const lp = levelParts(
      md('---', 'level: 1', 'title: Other', '---', '', '# Introduction {#l1.wrong}', '', 'Text.'),
      'source/editions/ex/level-1.md',
    );
    const prose = {
      name: 'committee' as const,
      sections: sections(md('# Unknown {#unknown}', '', 'Text.'), 'source/editions/ex/committee.md'),
    };
    const gl = glossary(md('# Glossary {#glossary}', '', '**Dyad**: two.'), 'source/editions/ex/glossary.md');
    const r = apply(
      { levels: [lp], prose: [prose], glossary: gl, remove: [{ id: 'not.here', pos: at(3) }] },
      base(),
      new Set(['level-1', 'committee', 'glossary']),
    );
    expect(r.errors).toEqual([]);
    expect(r.summary).toEqual([]);
    expect(r.guidelines).toEqual(base());
  });
});

describe('an edition overlay on its prose files and glossary', () => {
  it('replaces a nested section and a whole one, adds a new one and a copyright notice the base lacks, refuses an unknown id listing every section', () => {
    const endorsement = {
      name: 'endorsement' as const,
      sections: sections(
        md('# Detail {#endorsement.steps.detail}', '', 'New detail.'),
        'source/editions/ex/endorsement.md',
      ),
    };
    const committee = {
      name: 'committee' as const,
      sections: sections(
        md(
          '# Acknowledgements {#acknowledgements}',
          '',
          'Our thanks.',
          '',
          '# Local Committee {#ex.local}',
          '',
          'Local people.',
          '',
          '# Unknown {#unknown}',
          '',
          'Text.',
        ),
        'source/editions/ex/committee.md',
      ),
    };
    const copyright = {
      name: 'copyright' as const,
      sections: sections(md('# Copyright {#copyright}', '', '© Example.'), 'source/editions/ex/copyright.md'),
    };
    const { guidelines, summary, errors } = apply({ prose: [endorsement, committee, copyright] });
    expect(errors).toEqual([
      'source/editions/ex/committee.md:9:1: no section with id "unknown" in the base; expected one of committee, committee.members, acknowledgements, ex.local, or a new id starting with "ex."',
    ]);
    expect(summary).toEqual([
      {
        op: 'replace',
        kind: 'section',
        id: 'endorsement.steps.detail',
        title: 'Detail',
        where: 'endorsement',
        before: 'Detail\nDetail text.',
        after: 'Detail\nNew detail.',
      },
      {
        op: 'replace',
        kind: 'section',
        id: 'acknowledgements',
        title: 'Acknowledgements',
        where: 'committee',
        before: 'Acknowledgements\nThanks.',
        after: 'Acknowledgements\nOur thanks.',
      },
      {
        op: 'add',
        kind: 'section',
        id: 'ex.local',
        title: 'Local Committee',
        where: 'committee',
        after: 'Local Committee\nLocal people.',
      },
      {
        op: 'add',
        kind: 'section',
        id: 'copyright',
        title: 'Copyright',
        where: 'copyright',
        after: 'Copyright\n© Example.',
      },
    ]);
    expect(sectionText(guidelines.endorsement!)).toBe(
      'Endorsement\nEndorsement text.\nSteps\nStep text.\nDetail\nNew detail.',
    );
    expect(guidelines.committee.map((s) => s.id)).toEqual(['committee', 'acknowledgements', 'ex.local']);
    expect(guidelines.copyright!.id).toBe('copyright');
  });

  it('adds an endorsement introduction where the base has none, and keeps the copyright notice where the base has one', () => {
    const g = {
      ...base(),
      endorsement: null,
      copyright: sections(md('# Copyright {#copyright}', '', '© Base.'), 'base/copyright.md')[0],
    };
    const endorsement = {
      name: 'endorsement' as const,
      sections: sections(md('# Endorsement {#endorsement}', '', 'Ours.'), 'source/editions/ex/endorsement.md'),
    };
    const copyright = {
      name: 'copyright' as const,
      sections: sections(md('# Copyright {#copyright}', '', '© Ours.'), 'source/editions/ex/copyright.md'),
    };
    const { guidelines, summary } = apply({ prose: [endorsement, copyright] }, g);
    expect(summary.map((c) => `${c.op} ${c.where} ${c.id}`)).toEqual([
      'add endorsement endorsement',
      'replace copyright copyright',
    ]);
    expect(sectionText(guidelines.endorsement!)).toBe('Endorsement\nOurs.');
    expect(sectionText(guidelines.copyright!)).toBe('Copyright\n© Ours.');
  });

  it('replaces a glossary entry by its term, adds a new one at the end, and makes a glossary where the base has none', () => {
    const first = apply({
      glossary: glossary(md('# Glossary {#glossary}', '', '**Attachment**: a tie.'), 'source/editions/ex/glossary.md'),
    });
    expect(first.summary).toEqual([
      {
        op: 'replace',
        kind: 'glossary entry',
        id: 'glossary.attachment',
        title: 'Attachment',
        where: 'glossary',
        before: 'Attachment: a bond.',
        after: 'Attachment: a tie.',
      },
    ]);
    expect(first.guidelines.glossary!.entries.map(glossaryEntryText)).toEqual([
      'Attachment: a tie.',
      'Reflection: thinking back.',
    ]);
    const gl = glossary(
      md('# Glossary {#glossary}', '', '**Reflection**: looking *back*.', '', '**Dyad**: a pair.'),
      'source/editions/ex/glossary.md',
    );
    const { guidelines, summary, changes } = apply({ glossary: gl });
    expect(summary).toEqual([
      {
        op: 'replace',
        kind: 'glossary entry',
        id: 'glossary.reflection',
        title: 'Reflection',
        where: 'glossary',
        before: 'Reflection: thinking back.',
        after: 'Reflection: looking back.',
      },
      {
        op: 'add',
        kind: 'glossary entry',
        id: 'glossary.dyad',
        title: 'Dyad',
        where: 'glossary',
        after: 'Dyad: a pair.',
      },
    ]);
    expect(changes[1].pos).toEqual({ file: 'source/editions/ex/glossary.md', line: 5, column: 1 });
    expect(guidelines.glossary!.entries.map(glossaryEntryText)).toEqual([
      'Attachment: a bond.',
      'Reflection: looking back.',
      'Dyad: a pair.',
    ]);

    const none = apply({ glossary: gl }, { ...base(), glossary: null });
    expect(none.summary.map((c) => `${c.op} ${c.id}`)).toEqual(['add glossary.reflection', 'add glossary.dyad']);
    expect(none.guidelines.glossary).toEqual({ ...gl, entries: gl.entries });
  });
});

describe('an edition removing by id', () => {
  it('removes an area, a nested competency, a map, requirements, sections and a glossary entry, saying what each was', () => {
    const ids = [
      'l2.c',
      'l2.a',
      'l1.thinking.sees-the-whole-picture.names-its-parts',
      'l1.thinking.plans-ahead',
      'l1.caring.waits',
      'l1.thinking.sees-the-whole-picture',
      'l1.impact-map',
      'l2.requirements',
      'endorsement.steps.detail',
      'committee.members',
      'acknowledgements',
      'glossary.reflection',
      'glossary.attachment',
      'nothing.here',
    ];
    const { guidelines, summary, changes, errors } = apply({ remove: ids.map((id, i) => ({ id, pos: at(i + 2) })) });
    expect(errors).toEqual([
      'source/editions/ex/edition.yaml:15:5: nothing with id "nothing.here" to remove; expected the id of an area, competency, section, Impact Map or glossary entry',
    ]);
    expect(summary).toEqual([
      {
        op: 'remove',
        kind: 'area',
        id: 'l2.c',
        title: 'Area C',
        where: 'Level 2',
        before: 'Area C\nKnowledge Areas: knowledge c\n- Does c',
      },
      {
        op: 'remove',
        kind: 'area',
        id: 'l2.a',
        title: 'Area A',
        where: 'Level 2',
        before: 'Area A\nKnowledge Areas: knowledge a\n- Does a',
      },
      {
        op: 'remove',
        kind: 'competency',
        id: 'l1.thinking.sees-the-whole-picture.names-its-parts',
        title: 'Names its parts',
        within: 'Thinking',
        where: 'Level 1',
        before: '- Names its parts',
      },
      {
        op: 'remove',
        kind: 'competency',
        id: 'l1.thinking.plans-ahead',
        title: 'Plans ahead',
        within: 'Thinking',
        where: 'Level 1',
        before: '- Plans ahead',
      },
      {
        op: 'remove',
        kind: 'competency',
        id: 'l1.caring.waits',
        title: 'Waits',
        within: 'Caring',
        where: 'Level 1',
        before: '- Waits',
      },
      {
        op: 'remove',
        kind: 'competency',
        id: 'l1.thinking.sees-the-whole-picture',
        title: 'Sees the whole picture',
        within: 'Thinking',
        where: 'Level 1',
        before: '- Sees the whole picture (S, T)',
      },
      {
        op: 'remove',
        kind: 'impact map',
        id: 'l1.impact-map',
        title: 'Level 1 Impact Map',
        where: 'Level 1',
        before: impactMapText(base().levels[0].impactMap!),
      },
      {
        op: 'remove',
        kind: 'section',
        id: 'l2.requirements',
        title: 'Endorsement Requirements',
        where: 'Level 2',
        before: 'Endorsement Requirements\n- Base requirement',
      },
      {
        op: 'remove',
        kind: 'section',
        id: 'endorsement.steps.detail',
        title: 'Detail',
        where: 'endorsement',
        before: 'Detail\nDetail text.',
      },
      {
        op: 'remove',
        kind: 'section',
        id: 'committee.members',
        title: 'Members',
        where: 'committee',
        before: 'Members\n- A member',
      },
      {
        op: 'remove',
        kind: 'section',
        id: 'acknowledgements',
        title: 'Acknowledgements',
        where: 'committee',
        before: 'Acknowledgements\nThanks.',
      },
      {
        op: 'remove',
        kind: 'glossary entry',
        id: 'glossary.reflection',
        title: 'Reflection',
        where: 'glossary',
        before: 'Reflection: thinking back.',
      },
      {
        op: 'remove',
        kind: 'glossary entry',
        id: 'glossary.attachment',
        title: 'Attachment',
        where: 'glossary',
        before: 'Attachment: a bond.',
      },
    ]);
    expect(changes[0].pos).toEqual(at(2));
    expect(areaIds(guidelines, 2)).toEqual(['l2.b', 'l2.d', 'l2.e', 'l2.f', 'l2.g']);
    expect(guidelines.levels[0].detail.areas[0].groups[0].competencies).toEqual([]);
    expect(guidelines.levels[0].detail.areas[1].groups.map((gr) => gr.competencies.map((c) => c.id))).toEqual([
      ['l1.caring.listens-well'],
      [],
    ]);
    expect(guidelines.levels[0].impactMap).toBeNull();
    expect(guidelines.levels[1].requirements).toBeNull();
    expect(sectionText(guidelines.endorsement!)).toBe('Endorsement\nEndorsement text.\nSteps\nStep text.');
    expect(guidelines.committee.map(sectionText)).toEqual(['Committee\nCommittee text.']);
    expect(guidelines.glossary!.entries).toEqual([]);
  });

  it('removes the endorsement introduction whole, and nothing else of that name', () => {
    const { guidelines, summary } = apply({ remove: [{ id: 'endorsement', pos: at(2) }] });
    expect(summary).toEqual([
      {
        op: 'remove',
        kind: 'section',
        id: 'endorsement',
        title: 'Endorsement',
        where: 'endorsement',
        before: 'Endorsement\nEndorsement text.\nSteps\nStep text.\nDetail\nDetail text.',
      },
    ]);
    expect(guidelines.endorsement).toBeNull();
    expect(lacksOf(guidelines)).toEqual(['Level 2 Impact Map', 'Endorsement introduction', 'Copyright notice']);
    // Nothing to find where the base has no endorsement introduction and no glossary: said, not a crash.
    const none = apply(
      {
        remove: [
          { id: 'endorsement', pos: at(2) },
          { id: 'glossary.dyad', pos: at(3) },
        ],
      },
      { ...base(), endorsement: null, glossary: null },
    );
    expect(none.errors).toEqual([
      'source/editions/ex/edition.yaml:2:5: nothing with id "endorsement" to remove; expected the id of an area, competency, section, Impact Map or glossary entry',
      'source/editions/ex/edition.yaml:3:5: nothing with id "glossary.dyad" to remove; expected the id of an area, competency, section, Impact Map or glossary entry',
    ]);
  });

  it('says nothing of an id it does not find when a base file had problems (the id may be in it)', () => {
    expect(apply({ remove: [{ id: 'l3.thinking', pos: at(2) }] }, base(), new Set(['level-3'])).errors).toEqual([]);
  });
});

describe('plain text of model parts, for the reports', () => {
  it('writes areas with lead-ins, notes and tables, competencies with codes and sub-bullets, ordered lists', () => {
    const l = level(
      md(
        '---',
        'level: 4',
        'title: Four',
        '---',
        '',
        '# Introduction {#l4.intro}',
        '',
        '| Requirement | Level 4 |',
        '| --- | --- |',
        '| Degree | *Master* |',
        '',
        '1. First',
        '2. Second',
        '',
        '# Competency Detail {#l4.detail}',
        '',
        '## Leading {#l4.leading}',
        '',
        '### Skill Areas',
        '',
        '- motivating',
        '- deciding',
        '',
        '### As Demonstrated By',
        '',
        '*All are S and T:*',
        '',
        '- Models care (S, T)',
        '  - Shows it',
        '    - Every day',
        '',
        '> A note on leading.',
        '',
      ),
    );
    expect(areaText(l.detail.areas[0])).toBe(
      'Leading\nSkill Areas: motivating; deciding\nAll are S and T:\n- Models care (S, T)\n  - Shows it\n    - Every day\nA note on leading.',
    );
    expect(sectionText(l.intro)).toBe(
      'Introduction\n| Requirement | Level 4 |\n| Degree | Master |\n- First\n- Second',
    );
  });
});

describe('what an edition lacks, and the edition resolved', () => {
  it('names each part the texts do not have, in booklet order', () => {
    const g = base();
    expect(lacksOf(g)).toEqual(['Level 2 Impact Map', 'Copyright notice']);
    expect(lacksOf({ ...g, endorsement: null, committee: [], glossary: null })).toEqual([
      'Level 2 Impact Map',
      'Endorsement introduction',
      'Endorsement Committee and Acknowledgements',
      'Glossary',
      'Copyright notice',
    ]);
    const copyright = sections(md('# Copyright {#copyright}', '', '© Base.'), 'base/copyright.md')[0];
    expect(lacksOf({ ...g, levels: [g.levels[0]], copyright })).toEqual([]);
  });

  it('keeps the levels the edition publishes, and its logo and fallback only when it has them', () => {
    const g = base();
    const source = {
      id: 'ex',
      dir: '/x',
      settings: { levels: [2] },
      guidelines: g,
      changes: [],
      files: ['source/editions/ex/edition.yaml'],
      words: { contents: 'Contents' },
    } as unknown as EditionSource;
    const e = resolveEdition(null, source);
    expect(e.guidelines.levels.map((l) => l.level)).toEqual([2]);
    expect(e.guidelines.glossary).toBe(g.glossary);
    expect(e.lacks).toEqual(['Level 2 Impact Map', 'Copyright notice']);
    expect(e).toEqual({
      id: 'ex',
      settings: source.settings,
      guidelines: { ...g, levels: [g.levels[1]] },
      changes: [],
      lacks: e.lacks,
      files: source.files,
      words: source.words,
    });
    expect('logo' in e || 'wordsFallback' in e).toBe(false);
    const logo = { type: 'png' as const, bytes: new Uint8Array([1]), width: 1, height: 1 };
    const withBoth = resolveEdition(null, { ...source, logo, wordsFallback: 'no table for xx' });
    expect(withBoth.logo).toBe(logo);
    expect(withBoth.wordsFallback).toBe('no table for xx');
  });
});

describe('edition names', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('lists the edition folders sorted, leaving out hidden folders and files; none without source/editions', () => {
    const project = mkdtempSync(join(tmpdir(), 'cg-names-'));
    dirs.push(project);
    expect(editionIds(project)).toEqual([]);
    for (const d of ['alaska', 'texas', '.import-staging', 'michigan'])
      mkdirSync(join(project, 'source', 'editions', d), { recursive: true });
    writeFileSync(join(project, 'source', 'editions', 'notes.txt'), 'not an edition');
    expect(editionIds(project)).toEqual(['alaska', 'michigan', 'texas']);
  });

  it('suggests the nearest name when at most a third of it differs, in any case', () => {
    const known = ['cascadia', 'michigan', 'new-mexico', 'texas'];
    expect(nearest('cascadai', known)).toBe('cascadia');
    expect(nearest('MICHIGAN', known)).toBe('michigan');
    expect(nearest('michign', known)).toBe('michigan');
    expect(nearest('texs', known)).toBe('texas');
    expect(nearest('tex', known)).toBeNull(); // 2 edits, a third of 5 is 1
    expect(nearest('newmexico', known)).toBe('new-mexico');
    expect(nearest('ohio', known)).toBeNull();
    expect(nearest('x', ['y'])).toBe('y'); // one edit is always near enough
    expect(nearest('ab', ['xy'])).toBeNull();
    expect(nearest('anything', [])).toBeNull();
    // The first of two equally near names.
    expect(nearest('texaz', ['texas', 'texan'])).toBe('texas');
    // Distances counted both ways: a longer known name, a shorter one.
    expect(nearest('michiganx', known)).toBe('michigan');
    expect(nearest('abcdefghij', ['abcdefg'])).toBe('abcdefg');
    expect(nearest('abcdefghijkl', ['abcdefgh'])).toBe('abcdefgh');
    expect(nearest('abcdefghijklm', ['abcdefgh'])).toBeNull();
  });

  it('says which edition was meant, or lists them all', () => {
    expect(unknownEdition('texs', ['michigan', 'texas'])).toBe(
      'unknown edition "texs"; did you mean "texas"? (the editions are michigan, texas)',
    );
    expect(unknownEdition('ohio', ['michigan', 'texas'])).toBe(
      'unknown edition "ohio"; expected one of: michigan, texas',
    );
    expect(unknownEdition('ohio', [])).toBe('unknown edition "ohio"; expected one of: none in source/editions/');
  });
});
