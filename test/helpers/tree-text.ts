// The texts a document tree holds, in reading order, part by part: what every writer must print.
import { runsText, type Block, type Document, type ListItem, type Part } from '../../src/compose/tree.js';

/** Marks a text found anywhere after the one before it, not necessarily after its neighbours. */
export const UNORDERED = '\u0000';

function itemTexts(items: ListItem[]): string[] {
  return items.flatMap((it) => [runsText(it.runs), ...itemTexts(it.children)]);
}

/** `structure`: in the order of a tagged PDF's structure, where a map is its columns one after another. */
export function blockTexts(b: Block, structure = false): string[] {
  switch (b.kind) {
    case 'heading':
      return [b.text];
    case 'paragraph':
      return [runsText(b.runs)];
    case 'list':
      return itemTexts(b.items);
    case 'table':
      return [
        ...b.columns.map((c) => runsText(c.title)),
        ...b.rows.flatMap((r) => r.cells.flatMap((c) => c.blocks.flatMap((x) => blockTexts(x, structure)))),
      ];
    case 'definitions':
      return b.entries.flatMap((e) => [e.term, runsText(e.definition)]);
    case 'impactMap':
      // Both writers lay the map out as a table: the column titles in a row, then each column's items; a map too
      // long for one page continues its columns on the next, so its items are found in any order (UNORDERED).
      if (structure)
        return [
          b.title,
          ...b.notes.flatMap((x) => blockTexts(x, true)),
          ...b.columns.flatMap((c) => [c.title, ...itemTexts(c.items)]),
        ];
      return [
        b.title,
        ...b.notes.flatMap((x) => blockTexts(x)),
        ...b.columns.map((c) => c.title),
        ...b.columns.flatMap((c) => itemTexts(c.items)).map((t) => UNORDERED + t),
      ];
    case 'checklist':
      return b.items.map(runsText);
    case 'form':
      // A read-only field's value (the packet id) is the form field's, not the page's text (collect.test.ts reads it).
      return [
        ...b.intro.map(runsText),
        ...b.rows.flatMap((r) =>
          r.flatMap((f) => [f.label, ...(f.value && f.kind !== 'checkbox' && !f.readOnly ? [f.value] : [])]),
        ),
      ];
    case 'log':
      return [...b.intro.map(runsText), ...b.columns.map((c) => c.label)];
    case 'letter':
      return [b.letterhead, b.date, ...b.address, b.salutation, ...b.paragraphs.map(runsText), ...b.closing];
    case 'pageBreak':
      return [];
  }
}

export function partTexts(p: Part, structure = false): string[] {
  switch (p.kind) {
    case 'cover':
      return [
        p.association,
        p.title,
        ...(p.subtitle ? [p.subtitle] : []),
        ...(p.editionLine ? [p.editionLine] : []),
        ...(p.levelsLine ? [p.levelsLine] : []),
        p.dateLine,
      ];
    case 'contents':
      return [p.title, ...p.entries.map((e) => e.text)];
    case 'copyright':
    case 'chapter':
    case 'loose':
      return p.blocks.flatMap((b) => blockTexts(b, structure));
  }
}

/** Every text of the document in reading order, each with the index of its part. */
export function documentTexts(doc: Document, structure = false): { part: number; text: string }[] {
  return doc.parts.flatMap((p, part) =>
    partTexts(p, structure)
      .filter((t) => t.trim() !== '')
      .map((text) => ({ part, text })),
  );
}

/** Headings that are bookmarks in the PDF and Heading 1–3 in Word, in order. */
export function bookmarkTitles(doc: Document): string[] {
  const contents = doc.parts.find((p) => p.kind === 'contents');
  return contents?.kind === 'contents' ? contents.entries.map((e) => e.text) : [];
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

/** The tree's texts that are not found in `text` in order (each searched after the one before). */
export function missingInOrder(doc: Document, text: string, structure = false): string[] {
  const hay = squash(text);
  const missing: string[] = [];
  let cursor = 0;
  // A run of unordered texts (a map's items) is searched from where the run starts; the cursor then moves past the
  // last of them.
  let runStart = -1;
  let runEnd = 0;
  for (const { part, text } of documentTexts(doc, structure)) {
    const unordered = text.startsWith(UNORDERED);
    const t = squash(unordered ? text.slice(1) : text);
    if (unordered && runStart < 0) [runStart, runEnd] = [cursor, cursor];
    if (!unordered && runStart >= 0) [cursor, runStart] = [runEnd, -1];
    const at = hay.indexOf(t, unordered ? runStart : cursor);
    if (at < 0) missing.push(`part ${part} (${doc.parts[part].kind}): ${text.slice(0, 80)}`);
    else if (unordered) runEnd = Math.max(runEnd, at + t.length);
    else cursor = at + t.length;
  }
  return missing;
}
