// Shared block readers: paragraphs, lists (with ids and codes), tables, headings, sections.
import type {
  Heading,
  List as MdList,
  ListItem as MdListItem,
  Paragraph as MdParagraph,
  RootContent,
  Table as MdTable,
} from 'mdast';
import type { Block, Inline, ListItem, Section, SourcePos } from '../model/schema.js';
import type { Diagnostics } from '../model/diagnostics.js';
import { inlinesOf, plainText, trimRuns } from './inline.js';
import { posOf } from './markdown.js';
import { ID_PATTERN, slug, takeId } from './ids.js';
import { takeTrailingCodes } from './codes.js';

/** Reading context of one file: where errors go, and the ids seen so far in all of source/. */
export interface ReadContext {
  file: string;
  diag: Diagnostics;
  ids: Map<string, SourcePos>;
}

export function registerId(ctx: ReadContext, id: string, pos: SourcePos, explicit: boolean): string {
  if (explicit && !ID_PATTERN.test(id)) {
    ctx.diag.error(
      pos,
      `"{#${id}}" is not a valid id`,
      'lower-case letters, digits, "-" and "." such as {#l2.systems-expertise}',
    );
  }
  const first = ctx.ids.get(id);
  if (first) {
    if (explicit) {
      ctx.diag.error(pos, `id "${id}" is defined twice (first at ${first.file}:${first.line})`, 'a unique id');
      return id;
    }
    let n = 2;
    while (ctx.ids.has(`${id}-${n}`)) n++;
    id = `${id}-${n}`;
  }
  ctx.ids.set(id, pos);
  return id;
}

/** A heading's title and its required `{#id}`. */
export function readHeading(ctx: ReadContext, h: Heading): { title: string; id: string; pos: SourcePos } {
  const pos = posOf(ctx.file, h);
  const { id, runs } = takeId(inlinesOf(ctx.file, h.children, ctx.diag));
  const title = plainText(trimRuns(runs));
  if (!title)
    ctx.diag.error(pos, 'heading has no text', 'a title such as "## Systems Expertise {#l2.systems-expertise}"');
  if (!id) {
    ctx.diag.error(
      pos,
      `heading "${title}" has no id`,
      `an id at its end, like "${'#'.repeat(h.depth)} ${title} {#${slug(title)}}"`,
    );
    return { title, id: slug(title) || 'untitled', pos };
  }
  return { title, id: registerId(ctx, id, pos, true), pos };
}

export function readParagraph(ctx: ReadContext, p: MdParagraph): Inline[] {
  return trimRuns(inlinesOf(ctx.file, p.children, ctx.diag));
}

export function readListItems(ctx: ReadContext, list: MdList, parentId: string): ListItem[] {
  return list.children.map((item) => readListItem(ctx, item, parentId));
}

function readListItem(ctx: ReadContext, item: MdListItem, parentId: string): ListItem {
  const pos = posOf(ctx.file, item);
  let text: Inline[] = [];
  let codes: ListItem['codes'] = [];
  let id = '';
  const children: ListItem[] = [];
  item.children.forEach((child, i) => {
    if (i === 0 && child.type === 'paragraph') {
      const withId = takeId(readParagraph(ctx, child));
      const coded = takeTrailingCodes(withId.runs);
      for (const u of coded.unknown) {
        ctx.diag.error(pos, `unknown responsibility code "${u}"`, 'only C, S, T or P, as in "(S, T)"');
      }
      text = trimRuns(coded.runs);
      codes = coded.codes;
      id = withId.id
        ? registerId(ctx, withId.id, pos, true)
        : registerId(ctx, `${parentId}.${slug(plainText(text), 5) || 'item'}`, pos, false);
    } else if (child.type === 'list') {
      children.push(...readListItems(ctx, child, id || parentId));
    } else {
      ctx.diag.error(
        posOf(ctx.file, child),
        `unexpected ${describe(child)} inside a bullet`,
        'the bullet text, then indented sub-bullets',
      );
    }
  });
  if (!id) {
    ctx.diag.error(pos, 'empty bullet', 'text after "- "');
    id = registerId(ctx, `${parentId}.item`, pos, false);
  }
  return { id, text, codes, children, pos };
}

function readTable(ctx: ReadContext, t: MdTable): Block {
  const cells = t.children.map((row) =>
    row.children.map((cell) => trimRuns(inlinesOf(ctx.file, cell.children, ctx.diag))),
  );
  return { kind: 'table', header: cells[0] ?? [], rows: cells.slice(1), pos: posOf(ctx.file, t) };
}

export function describe(node: RootContent): string {
  switch (node.type) {
    case 'html':
      return 'raw HTML';
    case 'heading':
      return `heading "${'#'.repeat(node.depth)}"`;
    case 'thematicBreak':
      return '"---" line';
    case 'code':
      return 'code block';
    default:
      return node.type;
  }
}

/** Reads prose blocks; `idBase` names list items. Unsupported nodes are reported. */
const BLOCK_ID = /^\{#([^}\s]+)\}$/;

export function readBlocks(ctx: ReadContext, nodes: RootContent[], idBase: string): Block[] {
  const out: Block[] = [];
  let pendingId: { id: string; pos: SourcePos } | null = null;
  for (const node of nodes) {
    const pos = posOf(ctx.file, node);
    const before = out.length;
    switch (node.type) {
      case 'paragraph': {
        const text = readParagraph(ctx, node);
        const only = text.length === 1 ? BLOCK_ID.exec(text[0].text.trim()) : null;
        if (only) {
          if (pendingId)
            ctx.diag.error(
              pendingId.pos,
              `id line {#${pendingId.id}} is not followed by a paragraph, list or table`,
              'the block right after the id line',
            );
          pendingId = { id: registerId(ctx, only[1], pos, true), pos };
          continue;
        }
        out.push({ kind: 'paragraph', text, pos });
        break;
      }
      case 'list':
        out.push({
          kind: 'list',
          ordered: !!node.ordered,
          ...(node.ordered && node.start != null ? { start: node.start } : {}),
          items: readListItems(ctx, node, idBase),
          pos,
        });
        break;
      case 'table':
        out.push(readTable(ctx, node));
        break;
      case 'blockquote':
        out.push(...readBlocks(ctx, node.children as RootContent[], idBase));
        break;
      case 'html':
        ctx.diag.error(pos, 'raw HTML is not allowed', 'plain Markdown (paragraphs, "- " bullets, tables)');
        break;
      default:
        ctx.diag.error(pos, `unexpected ${describe(node)}`, 'paragraphs, bullets or tables');
    }
    if (pendingId && out.length > before) {
      out[before] = { ...out[before], id: pendingId.id };
      pendingId = null;
    }
  }
  if (pendingId)
    ctx.diag.error(
      pendingId.pos,
      `id line {#${pendingId.id}} is not followed by a paragraph, list or table`,
      'the block right after the id line',
    );
  return out;
}

export interface HeadingSplit {
  before: RootContent[];
  parts: { heading: Heading; nodes: RootContent[] }[];
}

/** Splits a node run at headings of `depth` (deeper headings stay inside the parts). */
export function splitAtHeadings(nodes: RootContent[], depth: number): HeadingSplit {
  const split: HeadingSplit = { before: [], parts: [] };
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth <= depth) {
      split.parts.push({ heading: node, nodes: [] });
    } else if (split.parts.length) {
      split.parts[split.parts.length - 1].nodes.push(node);
    } else {
      split.before.push(node);
    }
  }
  return split;
}

/** A heading and what follows it up to the next heading of the same depth, with sub-sections. */
export function readSection(ctx: ReadContext, heading: Heading, nodes: RootContent[]): Section {
  const { title, id, pos } = readHeading(ctx, heading);
  return readSectionBody(ctx, { id, title, pos }, heading.depth, nodes);
}

export function readSectionBody(
  ctx: ReadContext,
  head: { id: string; title: string; pos: SourcePos },
  depth: number,
  nodes: RootContent[],
): Section {
  const split = splitAtHeadings(nodes, depth + 1);
  const sections = split.parts.map((p) => {
    if (p.heading.depth <= depth) {
      ctx.diag.error(
        posOf(ctx.file, p.heading),
        `unexpected ${describe(p.heading)}`,
        `a sub-heading of "${head.title}"`,
      );
    }
    return readSection(ctx, p.heading, p.nodes);
  });
  const blocks = readBlocks(ctx, split.before, head.id);
  if (blocks.length === 0 && sections.length === 0) {
    ctx.diag.error(
      head.pos,
      `section "${head.title}" has no content`,
      'at least one paragraph or list under the heading',
    );
  }
  return { ...head, blocks, sections };
}
