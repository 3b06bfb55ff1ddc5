// A level file (source/base/level-N.md) to a Level: introduction, Competency Detail, Impact Map.
import type { Heading, List as MdList, RootContent } from 'mdast';
import { z } from 'zod';
import type { Block, CompetencyArea, CompetencyDetail, CompetencyGroup, ImpactMap, Level, LevelNumber, Section } from '../model/schema.js';
import { IMPACT_MAP_COLUMNS, LevelNumber as LevelNumberSchema } from '../model/schema.js';
import { codesInLeadIn } from './codes.js';
import { type ReadContext, describe, readBlocks, readHeading, readListItems, readParagraph, readSectionBody, splitAtHeadings } from './blocks.js';
import { plainText } from './inline.js';
import { type MarkdownFile, posOf } from './markdown.js';
import { frontMatterOf } from './front-matter.js';
import { slug } from './ids.js';

export const LevelFrontMatter = z.object({ level: LevelNumberSchema, title: z.string().min(1) }).strict();

const SECTION_TITLES = ['Introduction', 'Competency Detail', 'Impact Map'] as const;

export function readLevel(ctx: ReadContext, md: MarkdownFile): Level | null {
  const fm = frontMatterOf(ctx, md, LevelFrontMatter, '"level: 1..4" and "title: ..."');
  const split = splitAtHeadings(md.tree.children.filter((n) => n.type !== 'yaml'), 1);
  for (const stray of split.before) {
    ctx.diag.error(posOf(ctx.file, stray), `${describe(stray)} before the first section`, '"# Introduction {#lN.intro}" first');
  }
  let intro: Section | null = null;
  let detail: CompetencyDetail | null = null;
  let impactMap: ImpactMap | null = null;
  let order = 0;
  for (const part of split.parts) {
    const head = readHeading(ctx, part.heading);
    const index = SECTION_TITLES.indexOf(head.title as (typeof SECTION_TITLES)[number]);
    if (index < 0) {
      ctx.diag.error(head.pos, `unknown level section "${head.title}"`, '"# Introduction", "# Competency Detail" or "# Impact Map"');
      continue;
    }
    if (index < order || (index === order && order > 0 && [intro, detail, impactMap][index])) {
      ctx.diag.error(head.pos, `section "${head.title}" is out of order or repeated`, 'Introduction, Competency Detail, Impact Map, once each');
    }
    order = index;
    if (index === 0) intro = readSectionBody(ctx, head, 1, part.nodes);
    if (index === 1) detail = readDetail(ctx, head, part.nodes);
    if (index === 2) impactMap = readImpactMap(ctx, head, part.nodes, fm?.level ?? 0);
  }
  const top = posOf(ctx.file, md.tree);
  if (!intro) ctx.diag.error(top, 'the level has no introduction', '"# Introduction {#lN.intro}" with its text');
  if (!detail) ctx.diag.error(top, 'the level has no Competency Detail', '"# Competency Detail {#lN.detail}" with its areas');
  if (!fm || !intro || !detail) return null;
  return { level: fm.level as LevelNumber, title: fm.title, intro, detail, impactMap, file: ctx.file };
}

function readDetail(ctx: ReadContext, head: { id: string; title: string; pos: Level['intro']['pos'] }, nodes: RootContent[]): CompetencyDetail {
  // A "---" line ends the areas; what follows it are notes on the whole detail.
  const cut = nodes.findIndex((n) => n.type === 'thematicBreak');
  const body = cut < 0 ? nodes : nodes.slice(0, cut);
  const notes = cut < 0 ? [] : readBlocks(ctx, nodes.slice(cut + 1), head.id);
  const split = splitAtHeadings(body, 2);
  for (const stray of split.before) {
    ctx.diag.error(posOf(ctx.file, stray), `${describe(stray)} before the first area`, 'an area heading such as "## Systems Expertise {#l2.systems-expertise}"');
  }
  const areas = split.parts.map((p) => readArea(ctx, p.heading, p.nodes));
  if (areas.length === 0) ctx.diag.error(head.pos, 'Competency Detail has no areas', 'one "## Area name {#id}" per area of expertise');
  return { id: head.id, areas, notes, pos: head.pos };
}

function readArea(ctx: ReadContext, heading: Heading, nodes: RootContent[]): CompetencyArea {
  const { title, id, pos } = readHeading(ctx, heading);
  if (heading.depth !== 2) ctx.diag.error(pos, `unexpected ${describe(heading)}`, '"##" for an area of expertise');
  const area: CompetencyArea = { id, name: title, areasLabel: 'Knowledge Areas', areas: [], groups: [], notes: [], pos };
  const split = splitAtHeadings(nodes, 3);
  for (const stray of split.before) {
    ctx.diag.error(posOf(ctx.file, stray), `${describe(stray)} under area "${title}"`, '"### Knowledge Areas" (or "### Skill Areas") first');
  }
  const labels = split.parts.map((p) => plainText(readParagraphLike(p.heading)));
  if (labels[0] !== 'Knowledge Areas' && labels[0] !== 'Skill Areas') {
    ctx.diag.error(pos, `area "${title}" does not start with its Knowledge Areas or Skill Areas`, '"### Knowledge Areas" or "### Skill Areas" and a bullet list');
  }
  split.parts.forEach((p, i) => {
    const label = labels[i];
    const ppos = posOf(ctx.file, p.heading);
    if (i === 0 && (label === 'Knowledge Areas' || label === 'Skill Areas')) {
      area.areasLabel = label;
      const list = p.nodes[0];
      if (!list || list.type !== 'list' || p.nodes.length > 1) {
        ctx.diag.error(list ? posOf(ctx.file, list) : ppos, `"${label}" must be followed by one bullet list`, 'one "- " line per knowledge or skill area');
      }
      if (list && list.type === 'list') area.areas = readListItems(ctx, list, `${id}.areas`).map((it) => plainText(it.text));
    } else if (i === 1 && label === 'As Demonstrated By') {
      area.groups = readGroups(ctx, id, p.nodes, area);
    } else {
      ctx.diag.error(ppos, `unexpected heading "${label}" in area "${title}"`, i === 0 ? '"### Knowledge Areas" or "### Skill Areas"' : '"### As Demonstrated By"');
    }
  });
  if (area.groups.length === 0) ctx.diag.error(pos, `area "${title}" has no competencies`, '"### As Demonstrated By" and a bullet list');
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
      groups.push({ leadIn, codes: leadIn ? codesInLeadIn(plainText(leadIn)) : [], competencies, pos: pendingLeadIn?.pos ?? pos });
      pendingLeadIn = null;
    } else if (node.type === 'blockquote') {
      area.notes.push(...readBlocks(ctx, node.children as RootContent[], `${areaId}.note`));
    } else {
      ctx.diag.error(pos, `unexpected ${describe(node)} in "As Demonstrated By"`, 'an italic lead-in line, bullets, or a "> " note');
    }
  }
  if (pendingLeadIn) ctx.diag.error(pendingLeadIn.pos, 'lead-in line with no bullets after it', 'a bullet list after the lead-in');
  return groups;
}

function readImpactMap(ctx: ReadContext, head: { id: string; title: string; pos: ImpactMap['pos'] }, nodes: RootContent[], level: number): ImpactMap {
  const split = splitAtHeadings(nodes, 2);
  const notes: Block[] = readBlocks(ctx, split.before, head.id);
  const expected = IMPACT_MAP_COLUMNS.map((c) => (c === 'Results' ? `Level ${level} Results` : c));
  const columns = split.parts.map((p, i) => {
    const title = plainText(readParagraphLike(p.heading)).trim();
    const pos = posOf(ctx.file, p.heading);
    if (title !== expected[i]) ctx.diag.error(pos, `Impact Map column "${title}" is not expected here`, `"## ${expected[i] ?? '(no more columns)'}"`);
    const lists = p.nodes.filter((n): n is MdList => n.type === 'list');
    for (const other of p.nodes.filter((n) => n.type !== 'list')) {
      ctx.diag.error(posOf(ctx.file, other), `unexpected ${describe(other)} in Impact Map column "${title}"`, 'a bullet list');
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
