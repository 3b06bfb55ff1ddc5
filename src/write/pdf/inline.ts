// Tree runs and lists to pdfmake text nodes.
import type { ListItem, Run } from '../../compose/tree.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;

/** A run's look: emphasis as written; a responsibility code in the small coloured `code` style. */
export function runs(text: Run[]): Node[] {
  return text.map((r) => ({ text: r.text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italics: true } : {}), ...(r.role === 'code' ? { style: 'code' } : {}) }));
}

/** A bullet with its sub-bullets as a nested list. */
export function listItem(item: ListItem, extra: Node = {}): Node {
  const text = { text: runs(item.runs), ...extra };
  if (item.children.length === 0) return text;
  return { stack: [text, bulletList(item.children, 1, extra)] };
}

export function bulletList(items: ListItem[], depth = 0, extra: Node = {}): Node {
  return {
    ul: items.map((it) => listItem(it, extra)),
    type: depth === 0 ? 'disc' : 'circle',
    markerColor: '#555555',
    margin: [depth === 0 ? 0 : 2, 1, 0, depth === 0 ? 3 : 1],
  };
}

export function orderedList(items: ListItem[], start = 1): Node {
  return { ol: items.map((it) => listItem(it)), start, margin: [0, 0, 0, 6] };
}

/** Items with no marker, one per line (the Knowledge Areas under an area's name). */
export function plainList(items: ListItem[], style?: string): Node {
  return { stack: items.map((it) => ({ text: runs(it.runs), ...(style ? { style } : {}) })) };
}
