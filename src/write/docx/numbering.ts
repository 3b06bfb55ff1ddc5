// Real Word lists (w:numPr on numbering definitions), never typed bullet characters: bullets, sub-bullets, numbers.
import { AlignmentType, Bookmark, LevelFormat, Paragraph, type ILevelsOptions, type INumberingOptions, type NumberingDefinition } from 'docx';
import type { ListItem } from '../../compose/tree.js';
import { runsOf } from './inline.js';
import { bookmarkName } from '../../text/bookmark.js';

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
function orderedDefinition(start: number): string | NumberingDefinition {
  return start === 1 ? ORDERED : { reference: `${ORDERED}-from-${start}`, levels: orderedLevels(start) };
}

export interface ListStyles {
  /** Paragraph style per depth; deeper items use the last one. */
  bullet: readonly string[];
  number: string;
}

export interface ListCounter {
  /** Each ordered list is its own numbering instance, so it counts from its start again. */
  next(): number;
}

export function listCounter(): ListCounter {
  let n = 0;
  return { next: () => ++n };
}

/** A list's items as list paragraphs, children one level deeper (sub-bullets). */
export function listParagraphs(
  items: ListItem[],
  opts: { ordered: boolean; start?: number; styles: ListStyles; counter: ListCounter },
): Paragraph[] {
  const instance = opts.ordered ? opts.counter.next() : undefined;
  const out: Paragraph[] = [];
  const walk = (list: ListItem[], level: number) => {
    for (const item of list) {
      const ordered = opts.ordered && level === 0;
      const style = ordered ? opts.styles.number : opts.styles.bullet[Math.min(level, opts.styles.bullet.length - 1)];
      out.push(
        new Paragraph({
          style,
          numbering: ordered
            ? { reference: orderedDefinition(opts.start ?? 1), level: 0, instance }
            : { reference: BULLETS, level: Math.min(level, 8) },
          // A competency's id as an invisible bookmark around its text (import:edition maps an edited file back by it).
          children: item.id ? [new Bookmark({ id: bookmarkName(item.id), children: runsOf(item.runs) })] : runsOf(item.runs),
        }),
      );
      walk(item.children, level + 1);
    }
  };
  walk(items, 0);
  return out;
}
