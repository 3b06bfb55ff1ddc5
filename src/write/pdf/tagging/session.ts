// The structure of one PDF while pdfmake lays it out and draws it: elements in reading order,
// and which marked content (page, MCID) and annotations belong to each. One per document, carried by its pdfmake run
// (pdfmake-run.ts).
import type { Role, Tag } from './tags.js';

export type Content = { page: number; mcid: number } | { page: number; annot: number };

export interface Element {
  role: Role;
  tag: Tag;
  parent: Element | null;
  kids: Element[];
  /** Marked content and annotations, in drawing order (reading order within the element). */
  content: Content[];
  /** The text drawn in it (a link's description). */
  text: string;
}

/** Roles that group elements and never hold text themselves. */
const GROUPING = new Set<Role>(['Document', 'Sect', 'Div', 'L', 'LI', 'Table', 'TR', 'TOC']);

const ARTIFACT_TAG: Tag = { role: 'Artifact' };

/** Scripts whose glyph order differs from the character order (Devanagari to Sinhala). */
const REORDERED = /[\u0900-\u0DFF]/;

function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** What pdfkit's document exposes to us: its content stream and the current page's annotations. */
interface PdfKitDoc {
  addContent(op: string): unknown;
  page: { annotations: unknown[] };
}

export class TagSession {
  readonly root: Element = {
    role: 'Document',
    tag: { role: 'Document' },
    parent: null,
    kids: [],
    content: [],
    text: '',
  };
  /** Stands for "draw as an Artifact": page furniture, and whatever is inside an Artifact node. */
  readonly artifact: Element = { role: 'Artifact', tag: ARTIFACT_TAG, parent: null, kids: [], content: [], text: '' };
  private readonly elements = new Map<Tag, Element>();
  /** Elements of the nodes pdfmake is inside, innermost last. */
  stack: Element[] = [this.root];
  /** Nesting of pdfmake's addLine: a line added while another is being added is a list's marker. */
  lineDepth = 0;
  /** Inside pdfmake's page turn: fragments added then are repeated table headers. */
  repeating = 0;

  // Drawing state.
  private page = -1;
  private nextMcid = 0;
  private open: Element | null = null;
  /** Per page, the element of each MCID (the page's entry in the ParentTree). */
  readonly pageMcids: Element[][] = [];

  /** The element of `tag` (made on first sight, as a child of `parent`). */
  elementOf(tag: Tag, parent: Element): Element {
    let el = this.elements.get(tag);
    if (!el) {
      el = { role: tag.role, tag, parent, kids: [], content: [], text: '' };
      this.elements.set(tag, el);
      parent.kids.push(el);
    }
    return el;
  }

  /** The element already made for `tag`, if its node was laid out. */
  find(tag: Tag): Element | undefined {
    return this.elements.get(tag);
  }

  /** Enters a node: the elements its tag opens, outermost first (none inside an Artifact). */
  enter(tag: Tag | undefined): number {
    if (!tag) return 0;
    const top = this.stack[this.stack.length - 1];
    if (top === this.artifact || tag.role === 'Artifact') {
      this.stack.push(this.artifact);
      return 1;
    }
    let parent = top;
    const chain = [...(tag.via ?? []), tag];
    for (const t of chain) {
      parent = this.elementOf(t, parent);
      this.stack.push(parent);
    }
    return chain.length;
  }

  leave(count: number): void {
    this.stack.length -= count;
  }

  /** The element a line being added belongs to; a list's marker goes to its item's label. */
  lineOwner(): Element {
    const top = this.stack[this.stack.length - 1];
    if (this.lineDepth <= 1 || top === this.artifact) return top;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const li = this.stack[i];
      if (li.role !== 'LI') continue;
      let label = li.kids.find((k) => k.role === 'Lbl');
      if (!label) {
        label = { role: 'Lbl', tag: { role: 'Lbl' }, parent: li, kids: [], content: [], text: '' };
        li.kids.unshift(label);
      }
      return label;
    }
    return this.artifact;
  }

  /** A new page is about to be drawn. */
  startPage(doc: PdfKitDoc, index: number): void {
    this.close(doc);
    this.page = index;
    this.nextMcid = 0;
    this.pageMcids[index] = [];
  }

  /**
   * Marks what is drawn next as `owner`'s content (or an Artifact). Consecutive items of the same
   * element share one marked-content sequence. `text` is the item's text, to catch real text
   * that no tagged node holds (a writer that forgot a tag): that would be lost to a reader.
   */
  mark(doc: PdfKitDoc, owner: Element | undefined, text?: string): void {
    let want = owner ?? this.artifact;
    if (GROUPING.has(want.role)) {
      if (text?.trim()) throw new Error(`untagged text in the PDF (inside ${want.role}): "${text.slice(0, 60)}"`);
      want = this.artifact;
    }
    // A line of nothing but spaces (an empty table cell, a field's position marker) is not content.
    if (text !== undefined && !text.trim()) want = this.artifact;
    text ??= '';
    if (want !== this.artifact) want.text += (want.text && text ? ' ' : '') + text;
    if (want === this.open) return;
    this.close(doc);
    if (want === this.artifact) {
      doc.addContent('/Artifact BMC');
    } else {
      doc.addContent(`/${want.role} <</MCID ${this.newMcid(want)}>> BDC`);
    }
    this.open = want;
  }

  private newMcid(owner: Element): number {
    const mcid = this.nextMcid++;
    this.pageMcids[this.page][mcid] = owner;
    owner.content.push({ page: this.page, mcid });
    return mcid;
  }

  /** Whether a line's text is in a script whose glyphs are drawn out of character order. */
  reordered(owner: Element | undefined, text: string): boolean {
    return !!owner && owner !== this.artifact && !GROUPING.has(owner.role) && REORDERED.test(text);
  }

  /**
   * Draws a line whose glyphs come out of character order (Indic scripts: a vowel sign before its consonant) so
   * that its text is read as typed: each text object (BT … ET, one per inline) is marked content of its own with the
   * inline's text as ActualText, inside pdfkit's q … Q, tagged /Span (poppler reads ActualText there, and places it
   * with the graphics state at EMC, which must still be the text's). The rest of the line (colour ops) is Artifact.
   */
  drawReordered(doc: PdfKitDoc, owner: Element, texts: string[], draw: () => void): void {
    this.close(doc);
    owner.text += (owner.text ? ' ' : '') + texts.join('');
    const add = doc.addContent;
    let k = 0;
    doc.addContent = (op: string) => {
      if (op === 'BT') {
        add.call(doc, 'EMC');
        add.call(doc, `/Span <</MCID ${this.newMcid(owner)} /ActualText ${utf16Hex(texts[k++] ?? '')}>> BDC`);
      }
      const result = add.call(doc, op);
      if (op === 'ET') {
        add.call(doc, 'EMC');
        add.call(doc, '/Artifact BMC');
      }
      return result;
    };
    add.call(doc, '/Artifact BMC');
    try {
      draw();
    } finally {
      doc.addContent = add;
      add.call(doc, 'EMC');
    }
  }

  /** Ends the open marked-content sequence (before a clip's q/Q, a page's end). */
  close(doc: PdfKitDoc): void {
    if (this.open) doc.addContent('EMC');
    this.open = null;
  }

  /** Annotations pdfkit made while drawing `owner`'s item (links) belong to it. */
  annotations(owner: Element | undefined, from: number, to: number): void {
    if (!owner || owner === this.artifact || GROUPING.has(owner.role)) return;
    for (let i = from; i < to; i++) owner.content.push({ page: this.page, annot: i });
  }
}
