// The contents of a document assembled from parts: its entries' pages are known before it is laid out,
// so it is a plain table, drawn as pdfmake draws its own (DocMeasure.measureToc) and tagged as
// tagging/hooks.ts tags that one: a TOC of entries (TOCI), each cell a link to its heading.
import type { Contents } from '../../../compose/tree.js';
import type { Node } from '../inline.js';
import { newTag, tag } from '../tagging/tags.js';

export interface ContentsEntry {
  /** The heading's text as its node holds it. */
  text: Node;
  /** The heading's id: its named destination. */
  id: string;
  style: Node;
  margin: [number, number, number, number];
  /** Page number in the assembled document (1-based). */
  page: number;
}

/** What the number column looks like (the `numberStyle` of the pdfmake toc it replaces). */
const NUMBER_STYLE = { fontSize: 10 };

/** The headings listed in the contents, in reading order: pdfmake's `tocItem` nodes of every part. */
export function tocItems(nodes: Node[]): Omit<ContentsEntry, 'page'>[] {
  const found: Omit<ContentsEntry, 'page'>[] = [];
  const seen = new Set<unknown>();
  const walk = (node: Node) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    if (node.tocItem)
      found.push({ text: node.text, id: node.id, style: node.tocStyle ?? {}, margin: node.tocMargin ?? [0, 0, 0, 0] });
    for (const [key, value] of Object.entries(node)) if (key !== 'pdfTag' && key !== 'text') walk(value);
  };
  walk(nodes);
  return found;
}

export function contentsNode(part: Contents, entries: ContentsEntry[]): Node {
  const body = entries.map((e) => {
    const entry = newTag('TOCI');
    return [
      tag({ text: e.text, linkToDestination: e.id, alignment: 'left', style: e.style, margin: e.margin }, 'Link', {
        via: [entry],
      }),
      tag(
        {
          text: String(e.page),
          linkToDestination: e.id,
          alignment: 'right',
          style: NUMBER_STYLE,
          margin: [0, e.margin[1], 0, e.margin[3]],
        },
        'Link',
        { via: [entry] },
      ),
    ];
  });
  const stack: Node[] = [tag({ text: part.title, style: 'tocTitle' }, 'H1')];
  if (body.length) stack.push({ table: { dontBreakRows: true, widths: ['*', 'auto'], body }, layout: 'noBorders' });
  return tag({ stack, pageOrientation: 'portrait' }, 'TOC', { via: [newTag('Sect')] });
}
