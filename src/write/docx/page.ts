// Page geometry, section properties and the running header and footer (with a PAGE field) of every section.
import type { Document } from '../../compose/tree.js';
import { el, textEl, writeXml, type El } from '../../xml/wordml.js';
import { FOOTER_START, HEADER_START } from './part-roots.js';
import { S } from './styles.js';
import { para, run } from './wml.js';

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

/** How a section sits on its pages: orientation, how it starts, and a left margin or gutter of its own (a letter). */
export interface SectionLayout {
  orientation: Orientation;
  start: Start;
  margins?: { left?: number; gutter?: number };
}

/** The page box a section's text flows in, twips: for the pagination. */
export function textBox(pub: Document, s: SectionLayout): { width: number; height: number; oddPage: boolean } {
  const g = geometryOf(pub);
  const left = s.margins?.left ?? MARGIN;
  const gutter = s.margins?.gutter ?? g.gutter;
  const [w, h] = s.orientation === 'landscape' ? [g.paper.height, g.paper.width] : [g.paper.width, g.paper.height];
  return {
    width: w - left - MARGIN - gutter,
    height: h - 2 * MARGIN,
    oddPage: sectionType(pub, s.start) === 'oddPage',
  };
}

const sectionType = (pub: Document, start: Start) =>
  start === 'rightHandPage' && pub.page.twoSided ? 'oddPage' : 'nextPage';

/** A section's w:sectPr; `refs`: the relationship ids of its headers and footers (none: no header or footer). */
export function sectionProperties(
  pub: Document,
  s: SectionLayout,
  refs: { headers: string[]; footers: string[] } | null,
): El {
  const g = geometryOf(pub);
  const types = ['default', 'even'];
  const [w, h] = s.orientation === 'landscape' ? [g.paper.height, g.paper.width] : [g.paper.width, g.paper.height];
  return el('w:sectPr', {}, [
    ...(refs ? refs.headers.map((id, i) => el('w:headerReference', { 'w:type': types[i], 'r:id': id })) : []),
    ...(refs ? refs.footers.map((id, i) => el('w:footerReference', { 'w:type': types[i], 'r:id': id })) : []),
    el('w:type', { 'w:val': sectionType(pub, s.start) }),
    el('w:pgSz', { 'w:w': w, 'w:h': h, 'w:orient': s.orientation }),
    el('w:pgMar', {
      'w:top': MARGIN,
      'w:right': MARGIN,
      'w:bottom': MARGIN,
      'w:left': s.margins?.left ?? MARGIN,
      'w:header': HEADER_DISTANCE,
      'w:footer': HEADER_DISTANCE,
      'w:gutter': s.margins?.gutter ?? g.gutter,
    }),
    el('w:pgNumType'),
    el('w:docGrid', { 'w:linePitch': 360 }),
  ]);
}

function twoPart(style: string, left: El[], right: El[], width: number): El {
  return para({ style, tabs: [{ type: 'right', position: width }] }, [...left, run({ text: '\t' }), ...right]);
}

/** A PAGE field, as runs. */
const pageField = (): El[] => [
  run({ children: [el('w:fldChar', { 'w:fldCharType': 'begin' })] }),
  run({ children: [textEl('w:instrText', { 'xml:space': 'preserve' }, 'PAGE')] }),
  run({ children: [el('w:fldChar', { 'w:fldCharType': 'separate' })] }),
  run({ children: [el('w:fldChar', { 'w:fldCharType': 'end' })] }),
];

/**
 * Header (the publication, then the part's running head) and footer (the copyright line and the page number, on the
 * outer edge of the page when printed two-sided): the XML of each header part, then of each footer part.
 */
export function runningHeadAndFoot(
  pub: Document,
  runningHead: string,
  orientation: Orientation,
): { headers: string[]; footers: string[] } {
  const width = geometryOf(pub).textWidth(orientation);
  const header =
    HEADER_START +
    writeXml(twoPart(S.header, [run({ text: pub.furniture.headerLine })], [run({ text: runningHead })], width)) +
    '</w:hdr>';
  const footer = (p: El) => FOOTER_START + writeXml(p) + '</w:ftr>';
  const odd = footer(twoPart(S.footer, [run({ text: pub.furniture.footerLine })], pageField(), width));
  if (!pub.page.twoSided) return { headers: [header], footers: [odd] };
  const even = footer(twoPart(S.footer, pageField(), [run({ text: pub.furniture.footerLine })], width));
  return { headers: [header, header], footers: [odd, even] };
}
