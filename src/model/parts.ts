// What one level file holds before an edition's overrides are applied (the reader's output, the overlay's input).
import type {
  CompetencyArea,
  CompetencyDetail,
  ImpactMap,
  LevelNumber,
  ListItem,
  Section,
  SourcePos,
} from './schema.js';

/** An edition's change to one area's competencies: bullets whose ids replace or add. */
export interface AreaPatch {
  id: string;
  competencies: ListItem[];
  pos: SourcePos;
}

/** What a level file holds; an edition's level file may hold any part of it. */
export interface LevelParts {
  level: LevelNumber;
  title?: string;
  intro: Section | null;
  requirements: Section | null;
  detail: (Omit<CompetencyDetail, 'areas'> & { areas: CompetencyArea[]; patches: AreaPatch[] }) | null;
  impactMap: ImpactMap | null;
  pos: SourcePos;
}
