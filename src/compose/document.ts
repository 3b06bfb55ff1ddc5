// A composed publication as plain data: what goes where, in which order. Writers render it.
import type {
  CompetencyArea,
  GlossaryEntry,
  ImpactMap,
  Inline,
  ListItem,
  Section,
  Logo,
} from '../model/schema.js';
export type { Logo } from '../model/schema.js';

export type DocBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; id: string; text: string; toc: boolean }
  | { kind: 'paragraph'; text: Inline[]; style: 'body' | 'leadIn' | 'note' | 'lines' }
  | { kind: 'list'; ordered: boolean; start?: number; items: ListItem[] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  /** The Competency Detail of one level: "Area of Expertise | As Demonstrated By". */
  | { kind: 'competencyTable'; id: string; areas: CompetencyArea[] }
  /** Drawn on its own landscape page, with its title. */
  | { kind: 'impactMap'; title: string; map: ImpactMap }
  | { kind: 'glossary'; entries: GlossaryEntry[] }
  /** Items with a box to tick, on paper and on screen. */
  | { kind: 'checklist'; id: string; items: Inline[][] }
  /** A form the candidate fills in: rows of labelled fields. */
  | { kind: 'form'; form: Form }
  /** A log: a ruled table with empty rows to fill in. */
  | { kind: 'log'; log: Log }
  /** A letter whose address block sits in the window of a #10 envelope. */
  | { kind: 'letter'; letter: Letter }
  | { kind: 'pageBreak' };

export interface FormField {
  /** Unique in the document: the PDF form field's name. */
  name: string;
  label: string;
  kind: 'text' | 'multiline' | 'checkbox' | 'date' | 'signature';
  /** Share of the row's width (the fields of a row add up to 1). */
  width: number;
  /** Pre-filled value (personalized packets). */
  value?: string;
}

export interface Form {
  id: string;
  title: string;
  /** Instructions above the fields (template text). */
  intro: Inline[][];
  rows: FormField[][];
}

export interface Log {
  id: string;
  title: string;
  intro: Inline[][];
  columns: { label: string; width: number }[];
  rows: number;
}

export interface Letter {
  date: string;
  /** Lines of the recipient's address; empty for a letter to every candidate. */
  address: string[];
  salutation: string;
  paragraphs: Inline[][];
  closing: string[];
}

/** A part that starts on a new (right-hand, when two-sided) page. */
export interface Chapter {
  id: string;
  title: string;
  /** Shown in the running header of its pages. */
  runningHead: string;
  blocks: DocBlock[];
}

export interface Cover {
  association: string;
  abbreviation: string;
  title: string;
  subtitle?: string;
  editionLine?: string;
  /** Which levels the publication covers, e.g. "Levels 1–4" or "Level 2". */
  levelsLine: string;
  dateLine: string;
  color: string;
  /** The association's logo, checked when the sources are read. */
  logo?: Logo;
}


export interface PublicationMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  language: string;
  /** ISO date used for every timestamp written into the files. */
  date: string;
}

export interface PageSetup {
  size: 'LETTER' | 'A4';
  twoSided: boolean;
  padToMultipleOf4: boolean;
}

export interface Publication {
  editionId: string;
  kind: 'booklet' | 'packet';
  /** The level a packet is for. */
  level?: number;
  meta: PublicationMeta;
  page: PageSetup;
  cover: Cover;
  copyrightPage: { notice: Section | null; lines: string[] };
  /** Left part of every footer (the short copyright line). */
  footerLine: string;
  /** Left part of every header. */
  headerLine: string;
  tocTitle: string;
  chapters: Chapter[];
  /** Pages before the cover (a personalized packet's letter); no running head. */
  frontLetter?: Letter;
}
