// One rough measure of how tall blocks are, in lines of text, for the writers' keep-together
// decisions (an area's first row in the PDF, whether Word keeps an area's row whole). Exact
// heights come from each writer's layout; this only has to rank short against long.
import { runsText, type Block, type ListItem } from '../compose/tree.js';

/** Characters lost to each level of list indentation. */
const INDENT_CHARS = 4;

function textLines(text: string, chars: number): number {
  return Math.max(1, Math.ceil(text.length / Math.max(8, chars)));
}

function itemLines(items: ListItem[], chars: number): number {
  // A little space after each item.
  return items.reduce(
    (n, it) =>
      n + textLines(runsText(it.runs), chars - INDENT_CHARS) + 0.25 + itemLines(it.children, chars - INDENT_CHARS),
    0,
  );
}

/** Lines the blocks fill at `chars` characters per line, spacing included. */
export function linesOf(blocks: Block[], chars: number): number {
  let n = 0;
  for (const b of blocks) {
    if (b.kind === 'heading') n += textLines(b.text, chars) + 0.5;
    else if (b.kind === 'paragraph') n += textLines(runsText(b.runs), chars) + 0.5;
    else if (b.kind === 'list')
      n +=
        b.style === 'plain'
          ? b.items.reduce((k, it) => k + textLines(runsText(it.runs), chars), 0)
          : itemLines(b.items, chars);
    else if (b.kind === 'table')
      n += b.rows.reduce((k, r) => k + Math.max(...r.cells.map((c) => linesOf(c.blocks, chars / r.cells.length))), 1);
  }
  return n;
}
