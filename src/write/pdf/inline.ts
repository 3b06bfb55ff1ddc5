// Tree runs and lists to pdfmake text nodes.
import type { ListItem, Run } from '../../compose/tree.js';
import { newTag, tag, type Tag } from './tagging/tags.js';

import type { Node } from './node.js';

export type { Node };

/** A run's look: emphasis as written; a responsibility code in the small coloured `code` style. */
export function runs(text: Run[]): Node[] {
  return text.map((r) => ({
    text: r.text,
    ...(r.bold ? { bold: true } : {}),
    ...(r.italic ? { italics: true } : {}),
    ...(r.role === 'code' ? { style: 'code' } : {}),
  }));
}

/** A bullet with its sub-bullets as a nested list: LI > LBody (> P, L); the marker is the item's Lbl. */
export function listItem(item: ListItem, extra: Node = {}): Node {
  const li: Tag = newTag('LI');
  const text = { text: runs(item.runs), ...extra };
  if (item.children.length === 0) return tag(text, 'LBody', { via: [li] });
  return tag({ stack: [tag(text, 'P'), bulletList(item.children, 1, extra)] }, 'LBody', { via: [li] });
}

/** `list`: the list's structure element when the list is drawn in pieces (one per table row). */
export function bulletList(items: ListItem[], depth = 0, extra: Node = {}, list?: Tag): Node {
  return {
    pdfTag: list ?? newTag('L', { numbering: depth === 0 ? 'Disc' : 'Circle' }),
    ul: items.map((it) => listItem(it, extra)),
    type: depth === 0 ? 'disc' : 'circle',
    markerColor: '#555555',
    margin: [depth === 0 ? 0 : 2, 1, 0, depth === 0 ? 3 : 1],
  };
}

export function orderedList(items: ListItem[], start = 1): Node {
  return {
    pdfTag: newTag('L', { numbering: 'Decimal' }),
    ol: items.map((it) => listItem(it)),
    start,
    margin: [0, 0, 0, 6],
  };
}

/** Items with no marker, one per line (the Knowledge Areas under an area's name). */
export function plainList(items: ListItem[], style?: string): Node {
  return tag(
    {
      stack: items.map((it) =>
        tag({ text: runs(it.runs), ...(style ? { style } : {}) }, 'LBody', { via: [newTag('LI')] }),
      ),
    },
    'L',
    { numbering: 'None' },
  );
}
