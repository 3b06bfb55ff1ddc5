// Word paragraphs and tables to the model's prose blocks: lists from numbering or typed bullets, tables, headings.
import type { Block, Inline, ListItem, SourcePos, Table } from '../model/schema.js';
import type { DocxBlock, DocxParagraph } from './docx.js';

/** A bullet typed by hand ("•", "-", "o", "▪") or a number typed by hand ("1.", "a)"). */
const TYPED_BULLET = /^[\t ]*([•·▪◦‣○●■□➢➤\-–*o])[\t ]+(?=\S)/;
const TYPED_NUMBER = /^[\t ]*(\d{1,2}|[a-z])[.)][\t ]+(?=\S)/;

export interface ListLine {
  level: number;
  ordered: boolean;
  runs: Inline[];
}

/** The paragraph as a list line: Word numbering, a list style, or a bullet typed at its start. */
export function listLine(p: DocxParagraph): ListLine | null {
  if (p.list) return { level: p.list.level, ordered: p.list.ordered, runs: trimRuns(p.runs) };
  const styled = /^list (bullet|number)(?: (\d))?$/i.exec(p.style);
  if (styled)
    return {
      level: styled[2] ? Number(styled[2]) - 1 : 0,
      ordered: styled[1].toLowerCase() === 'number',
      runs: trimRuns(p.runs),
    };
  const bullet = TYPED_BULLET.exec(p.text);
  const number = bullet ? null : TYPED_NUMBER.exec(p.text);
  const m = bullet ?? number;
  if (!m) return null;
  // Indentation typed before the marker, or a hollow marker, puts the item one level down.
  const indent = /^[\t ]+/.exec(p.text)?.[0] ?? '';
  const level = indent.includes('\t') || indent.length >= 2 || (bullet && /[◦o○□]/.test(m[1])) ? 1 : 0;
  return { level, ordered: !!number, runs: trimRuns(cut(p.runs, m[0].length)) };
}

/** The runs without their first `n` characters. */
export function cut(runs: Inline[], n: number): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    if (n >= r.text.length) {
      n -= r.text.length;
      continue;
    }
    out.push({ ...r, text: r.text.slice(n) });
    n = 0;
  }
  return out;
}

/** Runs without leading and trailing blanks; blanks inside a line (tabs, doubled spaces) become one space. */
export function trimRuns(runs: Inline[]): Inline[] {
  const out = runs
    .map((r) => ({ ...r, text: r.text.replace(/[\t \u00a0]+/g, ' ').replace(/ ?\n ?/g, '\n') }))
    .filter((r) => r.text.length > 0);
  while (out.length && !out[0].text.trim()) out.shift();
  while (out.length && !out[out.length - 1].text.trim()) out.pop();
  if (out.length) {
    out[0] = { ...out[0], text: out[0].text.replace(/^\s+/, '') };
    const l = out.length - 1;
    out[l] = { ...out[l], text: out[l].text.replace(/\s+$/, '') };
  }
  return merge(out);
}

function merge(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic) last.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

/** One line of text: soft line breaks (text pasted from a PDF) become spaces. */
export function oneLine(runs: Inline[]): Inline[] {
  return trimRuns(runs.map((r) => ({ ...r, text: r.text.replace(/\s*\n\s*/g, ' ') })));
}

export function plain(runs: Inline[]): string {
  return runs.map((r) => r.text).join('');
}

/** Whether the paragraph reads as a heading: a heading style or outline level, or a short line all in bold. */
export function headingLike(p: DocxParagraph): boolean {
  if (p.outline !== null) return p.text.trim().length > 0 || true;
  const t = p.text.trim();
  return p.bold && !p.list && t.length > 0 && t.length <= 90 && !/[.;,]$/.test(t) && !TYPED_BULLET.test(p.text);
}

export function posOf(file: string, b: DocxBlock): SourcePos {
  return { file, line: b.n, column: 1 };
}

/** Nests list lines by level into list items (ids are given later, when aligned). */
export function nestItems(
  lines: (ListLine & { pos: SourcePos; bookmarks: string[] })[],
  itemOf: (l: ListLine, pos: SourcePos) => ListItem,
  marks?: WeakMap<object, string[]>,
): ListItem[] {
  const top: ListItem[] = [];
  const stack: { level: number; item: ListItem }[] = [];
  for (const l of lines) {
    const item = itemOf(l, l.pos);
    if (marks && l.bookmarks.length) marks.set(item, l.bookmarks);
    while (stack.length && stack[stack.length - 1].level >= l.level) stack.pop();
    if (stack.length) stack[stack.length - 1].item.children.push(item);
    else top.push(item);
    stack.push({ level: l.level, item });
  }
  return top;
}

export const simpleItem = (l: ListLine, pos: SourcePos): ListItem => ({
  id: '',
  text: oneLine(l.runs),
  codes: [],
  children: [],
  pos,
});

/** A Word table as a model table: the first row is its header, each cell's paragraphs one text with line breaks. */
export function tableOf(file: string, t: Extract<DocxBlock, { kind: 'table' }>): Table {
  const cellRuns = (cell: DocxBlock[]): Inline[] => {
    const lines = flattenParagraphs(cell)
      .map((p) => trimRuns(p.runs))
      .filter((r) => r.length);
    return trimRuns(lines.flatMap((r, i) => (i === 0 ? r : [{ text: '\n' }, ...r])));
  };
  const rows = t.rows.map((r) => r.map(cellRuns)).filter((r) => r.some((c) => c.length));
  return { kind: 'table', header: rows[0] ?? [], rows: rows.slice(1), pos: posOf(file, t) };
}

export function flattenParagraphs(blocks: DocxBlock[]): DocxParagraph[] {
  return blocks.flatMap((b) => (b.kind === 'p' ? [b] : b.rows.flatMap((r) => r.flatMap(flattenParagraphs))));
}

/** Prose blocks: paragraphs, lists (consecutive list lines) and tables. Empty paragraphs are dropped. */
export function proseOf(file: string, blocks: DocxBlock[], marks?: WeakMap<object, string[]>): Block[] {
  const out: Block[] = [];
  let pending: (ListLine & { pos: SourcePos; bookmarks: string[] })[] = [];
  const flush = () => {
    if (!pending.length) return;
    const items = nestItems(pending, simpleItem, marks);
    out.push({ kind: 'list', ordered: pending[0].ordered, items, pos: pending[0].pos });
    pending = [];
  };
  for (const b of blocks) {
    if (b.kind === 'table') {
      flush();
      out.push(tableOf(file, b));
      continue;
    }
    const line = listLine(b);
    if (line) {
      pending.push({ ...line, pos: posOf(file, b), bookmarks: b.bookmarks });
      continue;
    }
    const runs = trimRuns(b.runs);
    if (!runs.length) continue;
    flush();
    out.push({ kind: 'paragraph', text: runs, pos: posOf(file, b) });
  }
  flush();
  return out;
}
