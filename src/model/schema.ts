// The guidelines as data: zod schemas are the single definition, types come from z.infer.
import { z } from 'zod';

export const SourcePos = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type SourcePos = z.infer<typeof SourcePos>;

/** A run of text with its emphasis; "\n" inside text is a hard line break. */
export const Inline = z.object({
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
});
export type Inline = z.infer<typeof Inline>;
export const Inlines = z.array(Inline);

export const ResponsibilityCode = z.enum(['C', 'S', 'T', 'P']);
export type ResponsibilityCode = z.infer<typeof ResponsibilityCode>;
export const RESPONSIBILITY_NAMES: Record<ResponsibilityCode, string> = {
  C: 'Core Responsibilities',
  S: 'Clinical Supervision, Consultation & Training',
  T: 'Teaching, Research & Evaluation',
  P: 'Policy/Program Administration',
};

export interface ListItem {
  id: string;
  text: Inline[];
  codes: ResponsibilityCode[];
  children: ListItem[];
  pos: SourcePos;
}
export const ListItem: z.ZodType<ListItem> = z.object({
  id: z.string(),
  text: Inlines,
  codes: z.array(ResponsibilityCode),
  get children() {
    return z.array(ListItem);
  },
  pos: SourcePos,
});

/** `id`: set by a line `{#id}` just before the block, so templates can pick it (e.g. the five steps). */
export const Paragraph = z.object({
  kind: z.literal('paragraph'),
  id: z.string().optional(),
  text: Inlines,
  pos: SourcePos,
});
export const List = z.object({
  kind: z.literal('list'),
  id: z.string().optional(),
  ordered: z.boolean(),
  start: z.number().int().optional(),
  items: z.array(ListItem),
  pos: SourcePos,
});
export const Table = z.object({
  kind: z.literal('table'),
  id: z.string().optional(),
  header: z.array(Inlines),
  rows: z.array(z.array(Inlines)),
  pos: SourcePos,
});
export const Block = z.discriminatedUnion('kind', [Paragraph, List, Table]);
export type Paragraph = z.infer<typeof Paragraph>;
export type List = z.infer<typeof List>;
export type Table = z.infer<typeof Table>;
export type Block = z.infer<typeof Block>;

/** A titled run of prose, with nested sub-sections (from ##, ### headings). */
export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  sections: Section[];
  pos: SourcePos;
}
export const Section: z.ZodType<Section> = z.object({
  id: z.string(),
  title: z.string(),
  blocks: z.array(Block),
  get sections() {
    return z.array(Section);
  },
  pos: SourcePos,
});

/** One competency: a bullet of "As Demonstrated By", with sub-bullets. */
export type Competency = ListItem;
export const Competency = ListItem;

export const CompetencyGroup = z.object({
  leadIn: Inlines.nullable(),
  codes: z.array(ResponsibilityCode),
  competencies: z.array(Competency),
  pos: SourcePos,
});
export type CompetencyGroup = z.infer<typeof CompetencyGroup>;

export const AreasLabel = z.enum(['Knowledge Areas', 'Skill Areas']);
export const CompetencyArea = z.object({
  id: z.string(),
  name: z.string(),
  areasLabel: AreasLabel,
  areas: z.array(z.string()),
  groups: z.array(CompetencyGroup),
  notes: z.array(Block),
  pos: SourcePos,
});
export type CompetencyArea = z.infer<typeof CompetencyArea>;

export const CompetencyDetail = z.object({
  id: z.string(),
  areas: z.array(CompetencyArea),
  notes: z.array(Block),
  pos: SourcePos,
});
export type CompetencyDetail = z.infer<typeof CompetencyDetail>;

export const IMPACT_MAP_COLUMNS = [
  'Capabilities',
  'Key Responsibilities',
  'Results',
  'Service Objectives',
  'Service Goal',
] as const;
export const ImpactMapColumn = z.object({ title: z.string(), items: z.array(ListItem) });
export const ImpactMap = z.object({
  id: z.string(),
  notes: z.array(Block),
  columns: z.array(ImpactMapColumn).length(5),
  pos: SourcePos,
});
export type ImpactMap = z.infer<typeof ImpactMap>;

export const LevelNumber = z.number().int().min(1).max(4);
export type LevelNumber = 1 | 2 | 3 | 4;
export const Level = z.object({
  level: LevelNumber,
  title: z.string().min(1),
  intro: Section,
  /** The level's Endorsement Requirements, where an edition has them. */
  requirements: Section.nullable(),
  detail: CompetencyDetail,
  impactMap: ImpactMap.nullable(),
  file: z.string(),
});
export type Level = z.infer<typeof Level> & { level: LevelNumber };

export const GlossaryEntry = z.object({ id: z.string(), term: z.string(), definition: Inlines, pos: SourcePos });
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;
export const Glossary = z.object({
  id: z.string(),
  title: z.string(),
  entries: z.array(GlossaryEntry),
  pos: SourcePos,
});
export type Glossary = z.infer<typeof Glossary>;

/** Everything one edition publishes, before layout. */
export const Guidelines = z.object({
  levels: z.array(Level),
  endorsement: Section.nullable(),
  committee: z.array(Section),
  glossary: Glossary.nullable(),
  copyright: Section.nullable(),
});
export type Guidelines = Omit<z.infer<typeof Guidelines>, 'levels'> & { levels: Level[] };

/** An association's logo, checked by its bytes when the sources are read. */
export interface Logo {
  type: 'png' | 'jpg';
  bytes: Uint8Array;
  /** Pixels, for the aspect ratio. */
  width: number;
  height: number;
}
