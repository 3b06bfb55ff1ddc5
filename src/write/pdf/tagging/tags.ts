// Structure tags on pdfmake nodes: what each node is for a screen reader (PDF/UA-1).
//
// A block writer marks the node it makes (`tag(node, 'P')`). While pdfmake lays the document out,
// the tagging hooks (hooks.ts) turn the tags into structure elements, nested as the nodes are,
// in reading order; whatever is drawn outside a tagged node (running heads, folios, rules,
// borders, backgrounds) becomes an Artifact.
import type { Node } from '../node.js';

/** The standard structure types we use (PDF 1.7, 14.8.4). */
export type Role =
  | 'Document'
  | 'Sect'
  | 'Div'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'TOC'
  | 'TOCI'
  | 'Link'
  | 'Figure'
  | 'Form'
  | 'Artifact';

export interface Tag {
  role: Role;
  /** Elements between the enclosing node's and this one (a table row, a list item), shared by siblings. */
  via?: Tag[];
  /** A table header cell's scope. */
  scope?: 'Column' | 'Row';
  /** A figure's alternative text. */
  alt?: string;
  /** A list's numbering (PDF/UA wants it on lists). */
  numbering?: 'Disc' | 'Circle' | 'Square' | 'Decimal' | 'None';
}

/** A tag not yet on a node: for the elements several nodes share (a row, a list, a section). */
export function newTag(role: Role, extra: Omit<Tag, 'role'> = {}): Tag {
  return { role, ...extra };
}

/** Marks `node` as a structure element of `role` (returns the node). */
export function tag<T extends Node>(node: T, role: Role | Tag, extra: Omit<Tag, 'role'> = {}): T {
  (node as Node).pdfTag = typeof role === 'string' ? newTag(role, extra) : role;
  return node;
}

/** Puts a part's nodes inside its section: an untagged node becomes the section, a tagged one its child. */
export function inSection(nodes: Node[], section: Tag): void {
  for (const n of nodes) {
    const own: Tag | undefined = n.pdfTag;
    if (!own) n.pdfTag = section;
    else if (own !== section && !own.via?.includes(section)) own.via = [section, ...(own.via ?? [])];
  }
}

/** A heading's role from its level (H1–H6). */
export function headingRole(level: number): Role {
  return `H${Math.min(Math.max(level, 1), 6)}` as Role;
}
