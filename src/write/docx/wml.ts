// WordprocessingML elements the writer uses: paragraphs, runs, their properties and tables, each child in the order the
// schema (and docx, whose files these stay byte-identical to) writes it.
import { el, textEl, type El } from '../../xml/wordml.js';

export interface Border {
  style: 'single' | 'none';
  size: number;
  color: string;
  space?: number;
}

export interface TabStop {
  type: 'left' | 'right';
  position: number;
  leader?: 'dot';
}

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
  rule: 'exact' | 'atLeast';
  wrap: 'around' | 'notBeside';
}

export interface ParaOptions {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  frame?: Frame;
  /** A list paragraph: its numbering instance (an id, or a hole a kept part fills in) and level. */
  numbering?: { numId: El; level: number };
  border?: { top?: Border; bottom?: Border };
  tabs?: TabStop[];
  spacing?: { before?: number; after?: number; line?: number; lineRule?: 'exact' | 'auto' | 'atLeast' };
  alignment?: 'center' | 'left';
  outlineLevel?: number;
}

export interface RunOptions {
  text?: string;
  bold?: boolean;
  italics?: boolean;
  /** One font for every kind of character. */
  font?: string;
  /** Fonts for East Asian or complex-script characters only (scripts.ts). */
  fonts?: { eastAsia?: string; cs?: string; hint?: 'eastAsia' };
  color?: string;
  /** Half-points. */
  size?: number;
  rightToLeft?: boolean;
  language?: { eastAsia?: string };
  /** Line breaks before the text. */
  break?: number;
  /** Run content other than text (a tab, a field character). */
  children?: El[];
}

const onOff = (name: string, v: boolean): El => el(name, v ? {} : { 'w:val': 'false' });
const val = (name: string, v: string | number): El => el(name, { 'w:val': v });

function borderEl(side: string, b: Border): El {
  return el(`w:${side}`, { 'w:val': b.style, 'w:color': b.color, 'w:sz': b.size, 'w:space': b.space });
}

export function paraProps(o: ParaOptions): El | null {
  const c: El[] = [];
  if (o.style) c.push(val('w:pStyle', o.style));
  if (o.keepNext !== undefined) c.push(onOff('w:keepNext', o.keepNext));
  if (o.keepLines !== undefined) c.push(onOff('w:keepLines', o.keepLines));
  if (o.pageBreakBefore) c.push(el('w:pageBreakBefore'));
  if (o.frame) {
    const f = o.frame;
    c.push(
      el('w:framePr', {
        'w:w': f.width,
        'w:h': f.height,
        'w:x': f.x,
        'w:y': f.y,
        'w:hAnchor': 'page',
        'w:vAnchor': 'page',
        'w:hRule': f.rule,
        'w:wrap': f.wrap,
      }),
    );
  }
  if (o.numbering) c.push(el('w:numPr', {}, [val('w:ilvl', o.numbering.level), o.numbering.numId]));
  if (o.border) {
    const sides: El[] = [];
    if (o.border.top) sides.push(borderEl('top', o.border.top));
    if (o.border.bottom) sides.push(borderEl('bottom', o.border.bottom));
    c.push(el('w:pBdr', {}, sides));
  }
  if (o.tabs?.length)
    c.push(
      el(
        'w:tabs',
        {},
        o.tabs.map((t) => el('w:tab', { 'w:val': t.type, 'w:pos': t.position, 'w:leader': t.leader })),
      ),
    );
  if (o.spacing) {
    const s = o.spacing;
    c.push(el('w:spacing', { 'w:after': s.after, 'w:before': s.before, 'w:line': s.line, 'w:lineRule': s.lineRule }));
  }
  if (o.alignment) c.push(val('w:jc', o.alignment));
  if (o.outlineLevel !== undefined) c.push(val('w:outlineLvl', o.outlineLevel));
  return c.length ? el('w:pPr', {}, c) : null;
}

/** A paragraph: its properties, then its content (runs, bookmarks, content controls). */
export function para(o: ParaOptions, content: El[] = []): El {
  const pPr = paraProps(o);
  return el('w:p', {}, pPr ? [pPr, ...content] : content);
}

export function runProps(o: RunOptions): El | null {
  const c: El[] = [];
  if (o.font) c.push(el('w:rFonts', { 'w:ascii': o.font, 'w:cs': o.font, 'w:eastAsia': o.font, 'w:hAnsi': o.font }));
  else if (o.fonts)
    c.push(el('w:rFonts', { 'w:cs': o.fonts.cs, 'w:eastAsia': o.fonts.eastAsia, 'w:hint': o.fonts.hint }));
  if (o.bold !== undefined) c.push(onOff('w:b', o.bold), onOff('w:bCs', o.bold));
  if (o.italics !== undefined) c.push(onOff('w:i', o.italics), onOff('w:iCs', o.italics));
  if (o.color) c.push(val('w:color', o.color));
  if (o.size !== undefined) c.push(val('w:sz', o.size), val('w:szCs', o.size));
  if (o.rightToLeft !== undefined) c.push(onOff('w:rtl', o.rightToLeft));
  if (o.language) c.push(el('w:lang', { 'w:eastAsia': o.language.eastAsia }));
  return c.length ? el('w:rPr', {}, c) : null;
}

export const text = (t: string): El => textEl('w:t', { 'xml:space': 'preserve' }, t);

export function run(o: RunOptions): El {
  const c: El[] = [];
  const rPr = runProps(o);
  if (rPr) c.push(rPr);
  for (let i = 0; i < (o.break ?? 0); i++) c.push(el('w:br'));
  if (o.children) c.push(...o.children);
  else if (o.text !== undefined) c.push(text(o.text));
  return el('w:r', {}, c);
}

export const tab = (): El => el('w:tab');

// --- tables ---

export interface CellOptions {
  width: number;
  borders?: { top: Border; left: Border; bottom: Border; right: Border };
  /** A fill colour, or a shading element (a hole for the edition's colour). */
  shading?: string | El;
  margins?: { top?: number; bottom?: number; left?: number; right?: number };
  verticalAlign?: 'center' | 'bottom';
}

export function cell(o: CellOptions, content: El[]): El {
  const c: El[] = [el('w:tcW', { 'w:type': 'dxa', 'w:w': o.width })];
  if (o.borders)
    c.push(
      el(
        'w:tcBorders',
        {},
        (['top', 'left', 'bottom', 'right'] as const).map((s) =>
          el(`w:${s}`, { 'w:val': o.borders![s].style, 'w:color': o.borders![s].color, 'w:sz': o.borders![s].size }),
        ),
      ),
    );
  if (typeof o.shading === 'string') c.push(el('w:shd', { 'w:fill': o.shading, 'w:val': 'clear' }));
  else if (o.shading) c.push(o.shading);
  if (o.margins) {
    const m = o.margins;
    const sides = (['top', 'left', 'bottom', 'right'] as const).filter((s) => m[s] !== undefined);
    c.push(
      el(
        'w:tcMar',
        {},
        sides.map((s) => el(`w:${s}`, { 'w:type': 'dxa', 'w:w': m[s] })),
      ),
    );
  }
  if (o.verticalAlign) c.push(val('w:vAlign', o.verticalAlign));
  return el('w:tc', {}, [el('w:tcPr', {}, c), ...content]);
}

export interface RowOptions {
  cantSplit?: boolean;
  header?: boolean;
  height?: { value: number; rule: 'exact' | 'atLeast' };
}

export function row(o: RowOptions, cells: El[]): El {
  const c: El[] = [];
  if (o.cantSplit) c.push(el('w:cantSplit'));
  if (o.header) c.push(el('w:tblHeader'));
  if (o.height) c.push(el('w:trHeight', { 'w:val': o.height.value, 'w:hRule': o.height.rule }));
  return el('w:tr', {}, c.length ? [el('w:trPr', {}, c), ...cells] : cells);
}

/** A table of fixed column widths in twips (the grid and each cell's width), so Word and LibreOffice agree. */
export function table(style: string, columnWidths: number[], rows: El[]): El {
  return el('w:tbl', {}, [
    el('w:tblPr', {}, [
      val('w:tblStyle', style),
      el('w:tblW', { 'w:type': 'dxa', 'w:w': columnWidths.reduce((a, b) => a + b, 0) }),
      el('w:tblLayout', { 'w:type': 'fixed' }),
    ]),
    el(
      'w:tblGrid',
      {},
      columnWidths.map((w) => el('w:gridCol', { 'w:w': w })),
    ),
    ...rows,
  ]);
}
