// Real Word lists (w:numPr on numbering definitions), never typed bullet characters: bullets, sub-bullets, numbers.
import {
  AlignmentType,
  LevelFormat,
  type ILevelsOptions,
  type INumberingOptions,
  type NumberingDefinition,
} from 'docx';
import type { ListItem } from '../../compose/tree.js';
import { bookmarkName } from '../../text/bookmark.js';
import type { El } from '../../xml/wordml.js';
import type { PartCounters } from './block-context.js';
import { bookmarked } from './bookmark.js';
import { hole } from './holes.js';
import { runsOf } from './inline.js';
import { para } from './wml.js';

export const BULLETS = 'bullets';
export const ORDERED = 'ordered';

const BULLET_GLYPHS = ['•', '–', '•', '–', '•', '–', '•', '–', '•'];
const indent = (level: number) => ({ left: 360 * (level + 1), hanging: 300 });

const bulletLevels: ILevelsOptions[] = BULLET_GLYPHS.map((text, level) => ({
  level,
  format: LevelFormat.BULLET,
  text,
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: indent(level) } },
}));

function orderedLevels(start: number): ILevelsOptions[] {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: formats[level % 3],
    text: `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    start: level === 0 ? start : 1,
    style: { paragraph: { indent: indent(level) } },
  }));
}

export const numberingFor = (): INumberingOptions => ({
  config: [
    { reference: BULLETS, levels: bulletLevels },
    { reference: ORDERED, levels: orderedLevels(1) },
  ],
});

/** A list's numbering: one definition per start number, added to the document when first used. */
export function orderedDefinition(start: number): string | NumberingDefinition {
  return start === 1 ? ORDERED : { reference: `${ORDERED}-from-${start}`, levels: orderedLevels(start) };
}

export interface ListStyles {
  /** Paragraph style per depth; deeper items use the last one. */
  bullet: readonly string[];
  number: string;
}

/** The bullets' numbering instance (one for the whole document). */
export const bulletsNumbering = (): El => hole({ kind: 'num', ordered: false, start: 1, k: 0 });

/** A list's items as list paragraphs, children one level deeper (sub-bullets). */
export function listParagraphs(
  items: ListItem[],
  opts: { ordered: boolean; start?: number; styles: ListStyles; counters: PartCounters },
): El[] {
  // Each ordered list is its own numbering instance, so it counts from its start again.
  const instance = opts.ordered ? opts.counters.orderedList(opts.start ?? 1) : undefined;
  const out: El[] = [];
  const walk = (list: ListItem[], level: number) => {
    for (const item of list) {
      const ordered = opts.ordered && level === 0;
      const style = ordered ? opts.styles.number : opts.styles.bullet[Math.min(level, opts.styles.bullet.length - 1)];
      out.push(
        para(
          {
            style,
            numbering: ordered
              ? { numId: instance!, level: 0 }
              : { numId: bulletsNumbering(), level: Math.min(level, 8) },
          },
          // A competency's id as an invisible bookmark around its text (import:edition maps an edited file back by it).
          item.id ? bookmarked(bookmarkName(item.id), runsOf(item.runs)) : runsOf(item.runs),
        ),
      );
      walk(item.children, level + 1);
    }
  };
  walk(items, 0);
  return out;
}
