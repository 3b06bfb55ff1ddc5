// The texts a document tree holds, in reading order, part by part: what every writer must print.
import { plainRuns, type Block, type Document, type ListItem, type Part } from '../../src/compose/tree.js';

/** Marks a text found anywhere after the one before it, not necessarily after its neighbours. */
export const UNORDERED = '\u0000';

function itemTexts(items: ListItem[]): string[] {
  return items.flatMap((it) => [plainRuns(it.runs), ...itemTexts(it.children)]);
}

export function blockTexts(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return [b.text];
    case 'paragraph':
      return [plainRuns(b.runs)];
    case 'list':
      return itemTexts(b.items);
    case 'table':
      return [...b.columns.map((c) => plainRuns(c.title)), ...b.rows.flatMap((r) => r.cells.flatMap((c) => c.blocks.flatMap(blockTexts)))];
    case 'definitions':
      return b.entries.flatMap((e) => [e.term, plainRuns(e.definition)]);
    case 'impactMap':
      // Both writers lay the map out as a table: the column titles in a row, then each column's items; a map too
      // long for one page continues its columns on the next, so its items are found in any order (UNORDERED).
      return [b.title, ...b.notes.flatMap(blockTexts), ...b.columns.map((c) => c.title), ...b.columns.flatMap((c) => itemTexts(c.items)).map((t) => UNORDERED + t)];
    case 'checklist':
      return b.items.map(plainRuns);
    case 'form':
      return [...b.intro.map(plainRuns), ...b.rows.flatMap((r) => r.flatMap((f) => [f.label, ...(f.value && f.kind !== 'checkbox' ? [f.value] : [])]))];
    case 'log':
      return [...b.intro.map(plainRuns), ...b.columns.map((c) => c.label)];
    case 'letter':
      return [b.letterhead, b.date, ...b.address, b.salutation, ...b.paragraphs.map(plainRuns), ...b.closing];
    case 'pageBreak':
      return [];
  }
}

export function partTexts(p: Part): string[] {
  switch (p.kind) {
    case 'cover':
      return [p.association, p.title, ...(p.subtitle ? [p.subtitle] : []), ...(p.editionLine ? [p.editionLine] : []), ...(p.levelsLine ? [p.levelsLine] : []), p.dateLine];
    case 'contents':
      return [p.title, ...p.entries.map((e) => e.text)];
    case 'copyright':
    case 'chapter':
    case 'loose':
      return p.blocks.flatMap(blockTexts);
  }
}

/** Every text of the document in reading order, each with the index of its part. */
export function documentTexts(doc: Document): { part: number; text: string }[] {
  return doc.parts.flatMap((p, part) => partTexts(p).filter((t) => t.trim() !== '').map((text) => ({ part, text })));
}

/** Headings that are bookmarks in the PDF and Heading 1–3 in Word, in order. */
export function bookmarkTitles(doc: Document): string[] {
  const contents = doc.parts.find((p) => p.kind === 'contents');
  return contents?.kind === 'contents' ? contents.entries.map((e) => e.text) : [];
}
