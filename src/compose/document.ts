// A composed publication as plain data: what goes where, in which order. Writers render it.
import type {
  CompetencyArea,
  GlossaryEntry,
  ImpactMap,
  Inline,
  ListItem,
  Section,
} from '../model/schema.js';

export type DocBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; id: string; text: string; toc: boolean }
  | { kind: 'paragraph'; text: Inline[]; style: 'body' | 'leadIn' | 'note' | 'lines' }
  | { kind: 'list'; ordered: boolean; start?: number; items: ListItem[] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  /** The Competency Detail of one level: "Area of Expertise | As Demonstrated By". */
  | { kind: 'competencyTable'; id: string; areas: CompetencyArea[] }
  /** Drawn on its own landscape page, with its title. */
  | { kind: 'impactMap'; title: string; map: ImpactMap }
  | { kind: 'glossary'; entries: GlossaryEntry[] };

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
  dateLine: string;
  color: string;
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
  /** booklet, or packet-<level> later. */
  kind: 'booklet';
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
}
