// A level file (source/base/level-N.md) to a Level: introduction, Competency Detail, Impact Map.
import type { Heading, List as MdList, RootContent } from 'mdast';
import { z } from 'zod';
import type {
  Block,
  CompetencyArea,
  CompetencyGroup,
  ImpactMap,
  Level,
  LevelNumber,
  ListItem,
  SourcePos,
} from '../model/schema.js';
import { IMPACT_MAP_COLUMNS, LevelNumber as LevelNumberSchema } from '../model/schema.js';
import type { AreaPatch, LevelParts } from '../model/parts.js';
export type { AreaPatch, LevelParts } from '../model/parts.js';
import { codesInLeadIn } from './codes.js';
import {
  type ReadContext,
  describe,
  readBlocks,
  readHeading,
  readListItems,
  readParagraph,
  readSectionBody,
  splitAtHeadings,
} from './blocks.js';
import { plainText } from './inline.js';
import { type MarkdownFile, posOf } from './markdown.js';
import { frontMatterOf } from './front-matter.js';
import { slug } from './ids.js';

export const LevelFrontMatter = z.object({ level: LevelNumberSchema, title: z.string().min(1) }).strict();
/** An edition's level file may leave out the title (the base's stays). */
export const LevelOverlayFrontMatter = z
  .object({ level: LevelNumberSchema, title: z.string().min(1).optional() })
  .strict();

const SECTION_TITLES = ['Introduction', 'Endorsement Requirements', 'Competency Detail', 'Impact Map'] as const;

export function readLevelParts(ctx: ReadContext, md: MarkdownFile, overlay: boolean): LevelParts | null {
  const fm = overlay
    ? frontMatterOf(ctx, md, LevelOverlayFrontMatter, '"level: 1..4"')
    : frontMatterOf(ctx, md, LevelFrontMatter, '"level: 1..4" and "title: ..."');
  const split = splitAtHeadings(
    md.tree.children.filter((n) => n.type !== 'yaml'),
    1,
  );
  for (const stray of split.before) {
    ctx.diag.error(
      posOf(ctx.file, stray),
      `${describe(stray)} before the first section`,
      '"# Introduction {#lN.intro}" first',
    );
  }
  const parts: Omit<LevelParts, 'level' | 'title' | 'pos'> = {
    intro: null,
    requirements: null,
    detail: null,
    impactMap: null,
  };
  const keys = ['intro', 'requirements', 'detail', 'impactMap'] as const;
  let order = -1;
  for (const part of split.parts) {
    const head = readHeading(ctx, part.heading);
    const index = SECTION_TITLES.indexOf(head.title as (typeof SECTION_TITLES)[number]);
    if (index < 0) {
      ctx.diag.error(
        head.pos,
        `unknown level section "${head.title}"`,
        SECTION_TITLES.map((t) => `"# ${t}"`).join(', '),
      );
      continue;
    }
    if (index <= order) {
      ctx.diag.error(
        head.pos,
        `section "${head.title}" is out of order or repeated`,
        `${SECTION_TITLES.join(', ')}, once each, in that order`,
      );
    }
    order = index;
    if (index === 0) parts.intro = readSectionBody(ctx, head, 1, part.nodes);
    if (index === 1) parts.requirements = readSectionBody(ctx, head, 1, part.nodes);
    if (index === 2) parts.detail = readDetail(ctx, head, part.nodes, overlay);
    if (index === 3) parts.impactMap = readImpactMap(ctx, head, part.nodes, fm?.level ?? 0);
  }
  if (overlay && keys.every((k) => !parts[k])) {
    ctx.diag.error(
      posOf(ctx.file, md.tree),
      'the file changes nothing',
      'at least one section: "# Introduction", "# Competency Detail", ...',
    );
  }
  if (!fm) return null;
  return { level: fm.level as LevelNumber, title: fm.title, ...parts, pos: posOf(ctx.file, md.tree) };
}

export function readLevel(ctx: ReadContext, md: MarkdownFile): Level | null {
  const parts = readLevelParts(ctx, md, false);
  if (!parts) return null;
  if (!parts.intro)
    ctx.diag.error(parts.pos, 'the level has no introduction', '"# Introduction {#lN.intro}" with its text');
  if (!parts.detail)
    ctx.diag.error(
      parts.pos,
      'the level has no Competency Detail',
      '"# Competency Detail {#lN.detail}" with its areas',
    );
  if (!parts.intro || !parts.detail || !parts.title) return null;
  const { patches: _patches, ...detail } = parts.detail;
  return {
    level: parts.level,
    title: parts.title,
    intro: parts.intro,
    requirements: parts.requirements,
    detail,
    impactMap: parts.impactMap,
    file: ctx.file,
  };
}

function readDetail(
  ctx: ReadContext,
  head: { id: string; title: string; pos: SourcePos },
  nodes: RootContent[],
  overlay: boolean,
): NonNullable<LevelParts['detail']> {
  // A "---" line ends the areas; what follows it are notes on the whole detail.
  const cut = nodes.findIndex((n) => n.type === 'thematicBreak');
  const body = cut < 0 ? nodes : nodes.slice(0, cut);
  const notes = cut < 0 ? [] : readBlocks(ctx, nodes.slice(cut + 1), head.id);
  const split = splitAtHeadings(body, 2);
  for (const stray of split.before) {
    ctx.diag.error(
      posOf(ctx.file, stray),
      `${describe(stray)} before the first area`,
      'an area heading such as "## Systems Expertise {#l2.systems-expertise}"',
    );
  }
  const areas: CompetencyArea[] = [];
  const patches: AreaPatch[] = [];
  for (const p of split.parts) {
    const label = p.nodes.find((n): n is Heading => n.type === 'heading');
    if (overlay && label && plainText(readParagraphLike(label)) === 'Competencies')
      patches.push(readPatch(ctx, p.heading, p.nodes));
    else areas.push(readArea(ctx, p.heading, p.nodes));
  }
  if (areas.length === 0 && patches.length === 0)
    ctx.diag.error(head.pos, 'Competency Detail has no areas', 'one "## Area name {#id}" per area of expertise');
  return { id: head.id, areas, patches, notes, pos: head.pos };
}

/** `## Area {#id}` + `### Competencies`: bullets that each name the competency they replace or add. */
function readPatch(ctx: ReadContext, heading: Heading, nodes: RootContent[]): AreaPatch {
  const { id, pos } = readHeading(ctx, heading);
  const competencies: ListItem[] = [];
  for (const node of nodes.slice(1)) {
    if (node.type === 'list') competencies.push(...readListItems(ctx, node, id));
    else
      ctx.diag.error(
        posOf(ctx.file, node),
        `unexpected ${describe(node)} under "### Competencies"`,
        'bullets that end with the {#id} they replace or add',
      );
  }
  return { id, competencies, pos };
}

function readArea(ctx: ReadContext, heading: Heading, nodes: RootContent[]): CompetencyArea {
  const { title, id, pos } = readHeading(ctx, heading);
  if (heading.depth !== 2) ctx.diag.error(pos, `unexpected ${describe(heading)}`, '"##" for an area of expertise');
  const area: CompetencyArea = {
    id,
    name: title,
    areasLabel: 'Knowledge Areas',
    areas: [],
    groups: [],
    notes: [],
    pos,
  };
  const split = splitAtHeadings(nodes, 3);
  for (const stray of split.before) {
    ctx.diag.error(
      posOf(ctx.file, stray),
      `${describe(stray)} under area "${title}"`,
      '"### Knowledge Areas" (or "### Skill Areas") first',
    );
  }
  const labels = split.parts.map((p) => plainText(readParagraphLike(p.heading)));
  if (labels[0] !== 'Knowledge Areas' && labels[0] !== 'Skill Areas') {
    ctx.diag.error(
      pos,
      `area "${title}" does not start with its Knowledge Areas or Skill Areas`,
      '"### Knowledge Areas" or "### Skill Areas" and a bullet list',
    );
  }
  split.parts.forEach((p, i) => {
    const label = labels[i];
    const ppos = posOf(ctx.file, p.heading);
    if (i === 0 && (label === 'Knowledge Areas' || label === 'Skill Areas')) {
      area.areasLabel = label;
      const list = p.nodes[0];
      if (!list || list.type !== 'list' || p.nodes.length > 1) {
        ctx.diag.error(
          list ? posOf(ctx.file, list) : ppos,
          `"${label}" must be followed by one bullet list`,
          'one "- " line per knowledge or skill area',
        );
      }
      if (list && list.type === 'list')
        area.areas = readListItems(ctx, list, `${id}.areas`).map((it) => plainText(it.text));
    } else if (i === 1 && label === 'As Demonstrated By') {
      area.groups = readGroups(ctx, id, p.nodes, area);
    } else {
      ctx.diag.error(
        ppos,
        `unexpected heading "${label}" in area "${title}"`,
        i === 0 ? '"### Knowledge Areas" or "### Skill Areas"' : '"### As Demonstrated By"',
      );
    }
  });
  if (area.groups.length === 0)
    ctx.diag.error(pos, `area "${title}" has no competencies`, '"### As Demonstrated By" and a bullet list');
  return area;
}

function readParagraphLike(h: Heading) {
  return h.children.map((c) => ({ text: 'value' in c ? String(c.value) : '' }));
}

/** Lead-in lines and bullet lists; each lead-in starts a new group, a blockquote is a note. */
function readGroups(ctx: ReadContext, areaId: string, nodes: RootContent[], area: CompetencyArea): CompetencyGroup[] {
  const groups: CompetencyGroup[] = [];
  let pendingLeadIn: { text: ReturnType<typeof readParagraph>; pos: CompetencyGroup['pos'] } | null = null;
  for (const node of nodes) {
    const pos = posOf(ctx.file, node);
    if (node.type === 'paragraph') {
      if (pendingLeadIn) ctx.diag.error(pos, 'two lead-in lines in a row', 'a bullet list after each lead-in line');
      pendingLeadIn = { text: readParagraph(ctx, node), pos };
    } else if (node.type === 'list') {
      const competencies = readListItems(ctx, node as MdList, areaId);
      const leadIn = pendingLeadIn?.text ?? null;
      groups.push({
        leadIn,
        codes: leadIn ? codesInLeadIn(plainText(leadIn)) : [],
        competencies,
        pos: pendingLeadIn?.pos ?? pos,
      });
      pendingLeadIn = null;
    } else if (node.type === 'blockquote') {
      area.notes.push(...readBlocks(ctx, node.children as RootContent[], `${areaId}.note`));
    } else {
      ctx.diag.error(
        pos,
        `unexpected ${describe(node)} in "As Demonstrated By"`,
        'an italic lead-in line, bullets, or a "> " note',
      );
    }
  }
  if (pendingLeadIn)
    ctx.diag.error(pendingLeadIn.pos, 'lead-in line with no bullets after it', 'a bullet list after the lead-in');
  return groups;
}

function readImpactMap(
  ctx: ReadContext,
  head: { id: string; title: string; pos: ImpactMap['pos'] },
  nodes: RootContent[],
  level: number,
): ImpactMap {
  const split = splitAtHeadings(nodes, 2);
  const notes: Block[] = readBlocks(ctx, split.before, head.id);
  const expected = IMPACT_MAP_COLUMNS.map((c) => (c === 'Results' ? `Level ${level} Results` : c));
  const columns = split.parts.map((p, i) => {
    const title = plainText(readParagraphLike(p.heading)).trim();
    const pos = posOf(ctx.file, p.heading);
    if (title !== expected[i])
      ctx.diag.error(
        pos,
        `Impact Map column "${title}" is not expected here`,
        `"## ${expected[i] ?? '(no more columns)'}"`,
      );
    const lists = p.nodes.filter((n): n is MdList => n.type === 'list');
    for (const other of p.nodes.filter((n) => n.type !== 'list')) {
      ctx.diag.error(
        posOf(ctx.file, other),
        `unexpected ${describe(other)} in Impact Map column "${title}"`,
        'a bullet list',
      );
    }
    if (lists.length === 0) ctx.diag.error(pos, `Impact Map column "${title}" is empty`, 'a bullet list of its items');
    return { title, items: lists.flatMap((l) => readListItems(ctx, l, `${head.id}.${slug(title)}`)) };
  });
  if (columns.length !== 5) {
    ctx.diag.error(head.pos, `Impact Map has ${columns.length} columns`, `the five columns ${expected.join(', ')}`);
    while (columns.length < 5) columns.push({ title: expected[columns.length], items: [] });
  }
  return { id: head.id, notes, columns: columns.slice(0, 5), pos: head.pos };
}
