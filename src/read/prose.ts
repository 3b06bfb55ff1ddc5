// Prose files: the endorsement introduction, committee, copyright notice and glossary.
import type { Heading, RootContent } from 'mdast';
import type { Glossary, GlossaryEntry, Section } from '../model/schema.js';
import {
  type ReadContext,
  describe,
  readHeading,
  readParagraph,
  readSection,
  registerId,
  splitAtHeadings,
} from './blocks.js';
import { plainText, trimRuns } from './inline.js';
import { type MarkdownFile, posOf } from './markdown.js';
import { slug } from './ids.js';

function bodyOf(md: MarkdownFile): RootContent[] {
  return md.tree.children.filter((n) => n.type !== 'yaml');
}

/** Every top-level (#) section of a prose file. */
export function readSections(ctx: ReadContext, md: MarkdownFile): Section[] {
  const split = splitAtHeadings(bodyOf(md), 1);
  for (const stray of split.before) {
    ctx.diag.error(
      posOf(ctx.file, stray),
      `${describe(stray)} before the first heading`,
      'a "# Title {#id}" heading first',
    );
  }
  if (split.parts.length === 0)
    ctx.diag.error(posOf(ctx.file, md.tree), 'the file has no sections', 'a "# Title {#id}" heading and its text');
  return split.parts.map((p) => readSection(ctx, p.heading, p.nodes));
}

export function readGlossary(ctx: ReadContext, md: MarkdownFile): Glossary | null {
  const split = splitAtHeadings(bodyOf(md), 1);
  const part = split.parts[0];
  if (!part || split.before.length || split.parts.length > 1) {
    ctx.diag.error(
      posOf(ctx.file, part?.heading ?? md.tree),
      'the glossary must be one "# Glossary {#glossary}" section',
      'one heading, then one paragraph per entry',
    );
    if (!part) return null;
  }
  const head = readHeading(ctx, part.heading as Heading);
  const entries: GlossaryEntry[] = [];
  for (const node of part.nodes) {
    const pos = posOf(ctx.file, node);
    const first = node.type === 'paragraph' ? node.children[0] : undefined;
    if (node.type !== 'paragraph' || !first || first.type !== 'strong') {
      ctx.diag.error(pos, `unexpected ${describe(node)} in the glossary`, 'an entry "**Term**: definition"');
      continue;
    }
    const runs = readParagraph(ctx, node);
    const term = plainText(runs.filter((r) => r.bold))
      .replace(/:\s*$/, '')
      .trim();
    const rest = trimRuns(runs.filter((r) => !r.bold));
    if (rest[0]) rest[0] = { ...rest[0], text: rest[0].text.replace(/^:\s*/, '') };
    const definition = trimRuns(rest);
    if (!term || definition.length === 0) {
      ctx.diag.error(pos, 'glossary entry without a term or a definition', '"**Term**: definition"');
      continue;
    }
    entries.push({ id: registerId(ctx, `${head.id}.${slug(term)}`, pos, false), term, definition, pos });
  }
  if (entries.length === 0)
    ctx.diag.error(head.pos, 'the glossary has no entries', '"**Term**: definition" paragraphs');
  return { id: head.id, title: head.title, entries, pos: head.pos };
}
