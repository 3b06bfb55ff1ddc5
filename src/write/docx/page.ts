// Page geometry, section properties and the running header and footer (with a PAGE field) of every section.
import {
  Footer,
  Header,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  TabStopType,
  TextRun,
  type ISectionOptions,
  type ISectionPropertiesOptions,
} from 'docx';
import type { Document } from '../../compose/tree.js';
import { S } from './styles.js';

export type Orientation = 'portrait' | 'landscape';

/** Paper in twips (1/1440 in), portrait. */
const PAPER = { LETTER: { width: 12240, height: 15840 }, A4: { width: 11906, height: 16838 } } as const;

/** 1 in on every side (the guide asks for at least 0.75 in), plus a binding gutter when printed two-sided. */
export const MARGIN = 1440;
const GUTTER = 360;
const HEADER_DISTANCE = 720;

export interface Geometry {
  paper: { width: number; height: number };
  gutter: number;
  /** Width of the text block, between the margins (and the gutter). */
  textWidth(orientation: Orientation): number;
  /** Height of the text block. */
  textHeight(orientation: Orientation): number;
}

export function geometryOf(pub: Document): Geometry {
  const paper = PAPER[pub.page.size];
  const gutter = pub.page.twoSided ? GUTTER : 0;
  const across = (o: Orientation) => (o === 'portrait' ? paper.width : paper.height);
  const down = (o: Orientation) => (o === 'portrait' ? paper.height : paper.width);
  return {
    paper,
    gutter,
    textWidth: (o) => across(o) - 2 * MARGIN - gutter,
    textHeight: (o) => down(o) - 2 * MARGIN,
  };
}

/** How a section starts: a part of the booklet starts on a right-hand (odd) page when printed two-sided. */
export type Start = 'newPage' | 'rightHandPage';

/** `margins` replaces the left margin or the gutter of a section (the letter before a packet's cover). */
export function sectionProperties(
  pub: Document,
  orientation: Orientation,
  start: Start,
  margins: { left?: number; gutter?: number } = {},
): ISectionPropertiesOptions {
  const g = geometryOf(pub);
  return {
    type: start === 'rightHandPage' && pub.page.twoSided ? SectionType.ODD_PAGE : SectionType.NEXT_PAGE,
    page: {
      // docx swaps width and height itself for a landscape section.
      size: {
        width: g.paper.width,
        height: g.paper.height,
        orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: {
        top: MARGIN,
        bottom: MARGIN,
        left: margins.left ?? MARGIN,
        right: MARGIN,
        gutter: margins.gutter ?? g.gutter,
        header: HEADER_DISTANCE,
        footer: HEADER_DISTANCE,
      },
    },
  };
}

function twoPart(style: string, left: TextRun[], right: TextRun[], width: number): Paragraph {
  return new Paragraph({
    style,
    tabStops: [{ type: TabStopType.RIGHT, position: width }],
    children: [...left, new TextRun({ text: '\t' }), ...right],
  });
}

const pageField = () => [new TextRun({ children: [PageNumber.CURRENT] })];

/**
 * Header (the publication, then the part's running head) and footer (the copyright line and the page number, on the
 * outer edge of the page when printed two-sided).
 */
export function runningHeadAndFoot(
  pub: Document,
  runningHead: string,
  orientation: Orientation,
): Pick<ISectionOptions, 'headers' | 'footers'> {
  const width = geometryOf(pub).textWidth(orientation);
  const header = () =>
    new Header({ children: [twoPart(S.header, [new TextRun(pub.furniture.headerLine)], [new TextRun(runningHead)], width)] });
  const odd = new Footer({ children: [twoPart(S.footer, [new TextRun(pub.furniture.footerLine)], pageField(), width)] });
  if (!pub.page.twoSided) return { headers: { default: header() }, footers: { default: odd } };
  const even = new Footer({ children: [twoPart(S.footer, pageField(), [new TextRun(pub.furniture.footerLine)], width)] });
  return { headers: { default: header(), even: header() }, footers: { default: odd, even } };
}
