// The document tree: everything a reader gets, in reading order, with the roles a screen reader
// would name, and nothing about fonts, points or pages. compose/ builds one per booklet, packet or
// personalized letter; every writer (PDF, Word) renders this tree and nothing else.
//
// zod schemas are the single definition; the types come from z.infer.
import { z } from 'zod';
import { Words } from '../model/words.js';

/** A run of text. "\n" inside text is a hard line break. `code`: a responsibility code suffix " (S, T)". */
export const Run = z.object({
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  role: z.enum(['code']).optional(),
});
export type Run = z.infer<typeof Run>;
export const Runs = z.array(Run);

/** A list item: its text, then its sub-items (nested lists). */
export interface ListItem {
  id?: string;
  runs: Run[];
  children: ListItem[];
}
export const ListItem: z.ZodType<ListItem> = z.object({
  id: z.string().optional(),
  runs: Runs,
  get children() {
    return z.array(ListItem);
  },
});

export const Heading = z.object({
  kind: z.literal('heading'),
  /** 1: a part's title (a level, the glossary); 2: its sections; 3: areas and sub-sections; 4: below. */
  level: z.number().int().min(1).max(4),
  id: z.string(),
  text: z.string(),
  /** Listed in the contents and as a bookmark (PDF outline). */
  toc: z.boolean(),
});
export type Heading = z.infer<typeof Heading>;

/**
 * A paragraph's role: body text; `leadIn` (the italic line before a group of competencies);
 * `note` (a remark under an area or a map); `label` (a small heading-like label, e.g.
 * "Knowledge Areas"); `small` (the copyright page's text); `muted` (a line of lesser weight);
 * `office` (a line of an address or of the packet's office block).
 */
export const ParagraphRole = z.enum(['body', 'leadIn', 'note', 'label', 'small', 'muted']);
export type ParagraphRole = z.infer<typeof ParagraphRole>;
export const Paragraph = z.object({ kind: z.literal('paragraph'), role: ParagraphRole, runs: Runs });
export type Paragraph = z.infer<typeof Paragraph>;

/** `plain`: items with no marker (a list of Knowledge Areas under an area's name). */
export const List = z.object({
  kind: z.literal('list'),
  style: z.enum(['bullet', 'number', 'plain']),
  start: z.number().int().optional(),
  items: z.array(ListItem),
});
export type List = z.infer<typeof List>;

export const FormField = z.object({
  /** Unique in the document: the PDF form field's name. */
  name: z.string(),
  /** What the field asks for: printed above it and its accessible name. */
  label: z.string(),
  kind: z.enum(['text', 'multiline', 'checkbox', 'date', 'signature']),
  /** Share of the row's width (the fields of a row add up to 1). */
  width: z.number(),
  /** Pre-filled value (personalized packets). */
  value: z.string().optional(),
  /** Declared required in the packet template: a returned packet without it is incomplete. */
  required: z.boolean().optional(),
  /** Shown and kept in the form but not typed into: the packet's id, which matches a return to its applicant. */
  readOnly: z.boolean().optional(),
});
export type FormField = z.infer<typeof FormField>;

/** A block of the tree. Table cells hold blocks, so the union is recursive. */
export type Block =
  Heading | Paragraph | List | Table | Definitions | ImpactMap | Checklist | Form | Log | Letter | PageBreak;

export interface Cell {
  blocks: Block[];
  /** The cell names its row (the area of expertise): a row header. */
  rowHeader?: boolean;
}
export interface Row {
  id?: string;
  cells: Cell[];
}
/**
 * A table. `competencyDetail`: the Competency Detail of a level, one row per area of expertise.
 * `columns`: the header row's cells and each column's share of the width.
 */
export interface Table {
  kind: 'table';
  id?: string;
  role: 'plain' | 'competencyDetail';
  columns: { title: Run[]; share: number }[];
  rows: Row[];
}
/** The glossary: terms and their definitions. */
export interface Definitions {
  kind: 'definitions';
  entries: { id: string; term: string; definition: Run[] }[];
}
/**
 * The Impact Map: a diagram whose columns are lists, read left to right (Capabilities → … →
 * Service Goal). The arrows between columns are decoration.
 */
export interface ImpactMap {
  kind: 'impactMap';
  id: string;
  title: string;
  notes: Block[];
  columns: { title: string; items: ListItem[] }[];
}
/** Items with a box to tick, on paper and on screen. */
export interface Checklist {
  kind: 'checklist';
  id: string;
  items: Run[][];
}
/** A form the candidate fills in: rows of labelled fields (its title is the heading before it). */
export interface Form {
  kind: 'form';
  id: string;
  intro: Run[][];
  rows: FormField[][];
}
/** A log: a ruled table with empty rows to fill in (its title is the heading before it). */
export interface Log {
  kind: 'log';
  id: string;
  intro: Run[][];
  columns: { label: string; width: number }[];
  rows: number;
}
/** A page window: points from the page's top-left corner. */
export interface PageWindow {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** A letter whose address block sits in the window of the edition's envelope (see compose/envelope.ts). */
export interface Letter {
  kind: 'letter';
  /** The envelope window the address is set in; the #10 window when absent. */
  window?: PageWindow;
  /** Where the letter is folded for that envelope, in points from the page's top: marked in the left margin. */
  folds?: number[];
  /** The sender, over a letter that starts a page. */
  letterhead: string;
  date: string;
  /** Lines of the recipient's address; empty for a letter to every candidate. */
  address: string[];
  salutation: string;
  paragraphs: Run[][];
  closing: string[];
}
export interface PageBreak {
  kind: 'pageBreak';
}

const Cell: z.ZodType<Cell> = z.object({
  get blocks() {
    return z.array(Block);
  },
  rowHeader: z.boolean().optional(),
});
export const Table: z.ZodType<Table> = z.object({
  kind: z.literal('table'),
  id: z.string().optional(),
  role: z.enum(['plain', 'competencyDetail']),
  columns: z.array(z.object({ title: Runs, share: z.number() })),
  rows: z.array(z.object({ id: z.string().optional(), cells: z.array(Cell) })),
});
export const Definitions: z.ZodType<Definitions> = z.object({
  kind: z.literal('definitions'),
  entries: z.array(z.object({ id: z.string(), term: z.string(), definition: Runs })),
});
export const ImpactMap: z.ZodType<ImpactMap> = z.object({
  kind: z.literal('impactMap'),
  id: z.string(),
  title: z.string(),
  get notes() {
    return z.array(Block);
  },
  columns: z.array(z.object({ title: z.string(), items: z.array(ListItem) })),
});
export const Checklist: z.ZodType<Checklist> = z.object({
  kind: z.literal('checklist'),
  id: z.string(),
  items: z.array(Runs),
});
export const Form: z.ZodType<Form> = z.object({
  kind: z.literal('form'),
  id: z.string(),
  intro: z.array(Runs),
  rows: z.array(z.array(FormField)),
});
export const Log: z.ZodType<Log> = z.object({
  kind: z.literal('log'),
  id: z.string(),
  intro: z.array(Runs),
  columns: z.array(z.object({ label: z.string(), width: z.number() })),
  rows: z.number().int(),
});
export const Letter: z.ZodType<Letter> = z.object({
  kind: z.literal('letter'),
  window: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).optional(),
  folds: z.array(z.number()).optional(),
  letterhead: z.string(),
  date: z.string(),
  address: z.array(z.string()),
  salutation: z.string(),
  paragraphs: z.array(Runs),
  closing: z.array(z.string()),
});
export const PageBreak: z.ZodType<PageBreak> = z.object({ kind: z.literal('pageBreak') });
export const Block: z.ZodType<Block> = z.union([
  Heading,
  Paragraph,
  List,
  Table,
  Definitions,
  ImpactMap,
  Checklist,
  Form,
  Log,
  Letter,
  PageBreak,
]);

export const Image = z.object({
  type: z.enum(['png', 'jpg']),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes'),
  /** Pixels, for the aspect ratio. */
  width: z.number(),
  height: z.number(),
});
/** A picture with its alternative text (the association's logo). */
export const Figure = z.object({ alt: z.string(), image: Image });
export type Figure = z.infer<typeof Figure>;

/** The cover: every line it prints, already decided (a line that would repeat the subtitle is left out). */
export const Cover = z.object({
  kind: z.literal('cover'),
  association: z.string(),
  abbreviation: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  editionLine: z.string().optional(),
  /** Which levels it covers ("Levels 1–4"); absent when the title or subtitle says it. */
  levelsLine: z.string().optional(),
  dateLine: z.string(),
  /** The edition's colour, for the cover's band (decoration) and accents. */
  color: z.string(),
  logo: Figure.optional(),
});
export type Cover = z.infer<typeof Cover>;

/** The copyright page: the notice (its heading, text and sub-sections) and the edition's own lines. */
export const CopyrightPage = z.object({ kind: z.literal('copyright'), blocks: z.array(Block) });
export type CopyrightPage = z.infer<typeof CopyrightPage>;

/** The contents: one entry per heading with `toc`, in order; writers add the page numbers. */
export const Contents = z.object({
  kind: z.literal('contents'),
  title: z.string(),
  entries: z.array(z.object({ level: z.number().int().min(1).max(3), id: z.string(), text: z.string() })),
});
export type Contents = z.infer<typeof Contents>;

/**
 * A part that starts on a new page (a right-hand one when printed two-sided): a level, the
 * Endorsement introduction, the glossary, a packet's forms. `runningHead` is page furniture.
 */
export const Chapter = z.object({
  kind: z.literal('chapter'),
  id: z.string(),
  title: z.string(),
  runningHead: z.string(),
  blocks: z.array(Block),
});
export type Chapter = z.infer<typeof Chapter>;

/** Pages with no running head or folio: a personalized packet's letter and filled-in form. */
export const LoosePages = z.object({ kind: z.literal('loose'), blocks: z.array(Block) });
export type LoosePages = z.infer<typeof LoosePages>;

export const Part = z.discriminatedUnion('kind', [Cover, CopyrightPage, Contents, Chapter, LoosePages]);
export type Part = z.infer<typeof Part>;

export const Meta = z.object({
  title: z.string(),
  author: z.string(),
  subject: z.string(),
  keywords: z.string(),
  language: z.string(),
  /** ISO date used for every timestamp written into the files. */
  date: z.string(),
});
export type Meta = z.infer<typeof Meta>;

export const PageSetup = z.object({
  size: z.enum(['LETTER', 'A4']),
  twoSided: z.boolean(),
  padToMultipleOf4: z.boolean(),
});
export type PageSetup = z.infer<typeof PageSetup>;

/** Page furniture every body page carries: the publication on the header, the copyright line on the footer. */
export const Furniture = z.object({ headerLine: z.string(), footerLine: z.string() });
export type Furniture = z.infer<typeof Furniture>;

export const Document = z.object({
  editionId: z.string(),
  kind: z.enum(['booklet', 'packet', 'personal']),
  /** The level a packet is for. */
  level: z.number().int().optional(),
  meta: Meta,
  page: PageSetup,
  /** The edition's colour: the cover's band, headings' accents. */
  accent: z.string(),
  furniture: Furniture,
  /** The furniture of the edition's language, for what the writers add themselves (the web edition's navigation); English when absent. */
  words: Words.omit({ packet: true }).optional(),
  parts: z.array(Part),
});
export type Document = z.infer<typeof Document>;

// Shared facts the writers place things by: the #10 envelope window and how an address is set in it.
export { ADDRESS_AREA, ADDRESS_TYPE, addressArea, ENVELOPE_WINDOW, fittedAddressSize } from './envelope.js';

/** Walks every block of a tree in reading order, table cells and map notes included. */
export function* blocksIn(blocks: Block[]): Generator<Block> {
  for (const b of blocks) {
    yield b;
    if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) yield* blocksIn(c.blocks);
    if (b.kind === 'impactMap') yield* blocksIn(b.notes);
  }
}

/**
 * Whether a heading is listed in the contents (and is a PDF bookmark, and one of Word's Heading 1–3): it asks to
 * be (`toc`) and is at most three levels deep. The one place this rule is.
 */
export function listedInContents(h: Heading): h is Heading & { level: 1 | 2 | 3 } {
  return h.toc && h.level <= 3;
}

/**
 * The headings the contents list (and the PDF's bookmarks, and Word's Heading 1–3 are): every
 * heading with `toc`, area names in tables included, and each Impact Map's title, in reading order.
 */
export function contentsEntries(blocks: Block[]): Contents['entries'] {
  const entries: Contents['entries'] = [];
  for (const b of blocksIn(blocks)) {
    if (b.kind === 'heading' && listedInContents(b)) entries.push({ level: b.level, id: b.id, text: b.text });
    if (b.kind === 'impactMap') entries.push({ level: 2, id: b.id, text: b.title });
  }
  return entries;
}

/** The text of runs, their styles dropped. */
export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}
