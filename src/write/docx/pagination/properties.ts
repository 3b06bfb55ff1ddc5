// Paragraph and run properties as Word resolves them: document defaults, then the table style (inside a table), the
// paragraph style and its bases, the numbering level, then direct formatting.
import { attr, child, kids, num, onOff, type El } from '../../../xml/wordml.js';

export interface ParaProps {
  before: number;
  after: number;
  line: number;
  lineRule: 'auto' | 'exact' | 'atLeast';
  left: number;
  right: number;
  firstLine: number;
  keepNext: boolean;
  keepLines: boolean;
  widowControl: boolean;
  contextualSpacing: boolean;
  pageBreakBefore: boolean;
  /** Height a top or bottom paragraph border adds (line and its space), twips. */
  borderTop: number;
  borderBottom: number;
  numbered: boolean;
}

export interface RunProps {
  font: string;
  size: number;
  bold: boolean;
  italic: boolean;
  caps: boolean;
}

type Partial2<T> = { [K in keyof T]?: T[K] };

function readPPr(pPr: El | undefined): Partial2<ParaProps> {
  const out: Partial2<ParaProps> = {};
  if (!pPr) return out;
  const sp = child(pPr, 'w:spacing');
  if (sp) {
    if (attr(sp, 'w:before') !== undefined) out.before = num(sp, 'w:before');
    if (attr(sp, 'w:after') !== undefined) out.after = num(sp, 'w:after');
    if (attr(sp, 'w:line') !== undefined) out.line = num(sp, 'w:line');
    const rule = attr(sp, 'w:lineRule');
    if (rule) out.lineRule = rule as ParaProps['lineRule'];
  }
  const ind = child(pPr, 'w:ind');
  if (ind) {
    const l = num(ind, 'w:left') ?? num(ind, 'w:start');
    const r = num(ind, 'w:right') ?? num(ind, 'w:end');
    if (l !== undefined) out.left = l;
    if (r !== undefined) out.right = r;
    if (attr(ind, 'w:hanging') !== undefined) out.firstLine = -num(ind, 'w:hanging')!;
    else if (attr(ind, 'w:firstLine') !== undefined) out.firstLine = num(ind, 'w:firstLine');
  }
  const flag = (
    name: string,
    key: 'keepNext' | 'keepLines' | 'widowControl' | 'contextualSpacing' | 'pageBreakBefore',
  ) => {
    const v = onOff(child(pPr, name));
    if (v !== undefined) out[key] = v;
  };
  flag('w:keepNext', 'keepNext');
  flag('w:keepLines', 'keepLines');
  flag('w:widowControl', 'widowControl');
  flag('w:contextualSpacing', 'contextualSpacing');
  flag('w:pageBreakBefore', 'pageBreakBefore');
  const bdr = child(pPr, 'w:pBdr');
  const border = (el: El | undefined) =>
    el && attr(el) !== 'none' && attr(el) !== 'nil'
      ? Math.round(((num(el, 'w:sz') ?? 0) / 8) * 20 + (num(el, 'w:space') ?? 0) * 20)
      : 0;
  if (bdr) {
    out.borderTop = border(child(bdr, 'w:top'));
    out.borderBottom = border(child(bdr, 'w:bottom'));
  }
  if (child(pPr, 'w:numPr')) out.numbered = true;
  return out;
}

function readRPr(rPr: El | undefined): Partial2<RunProps> {
  const out: Partial2<RunProps> = {};
  if (!rPr) return out;
  const f = child(rPr, 'w:rFonts');
  const font = attr(f, 'w:ascii') ?? attr(f, 'w:hAnsi');
  if (font) out.font = font;
  if (child(rPr, 'w:sz')) out.size = num(child(rPr, 'w:sz'))! / 2;
  const b = onOff(child(rPr, 'w:b'));
  if (b !== undefined) out.bold = b;
  const i = onOff(child(rPr, 'w:i'));
  if (i !== undefined) out.italic = i;
  const caps = onOff(child(rPr, 'w:caps'));
  if (caps !== undefined) out.caps = caps;
  return out;
}

const DEFAULT_P: ParaProps = {
  before: 0,
  after: 0,
  line: 240,
  lineRule: 'auto',
  left: 0,
  right: 0,
  firstLine: 0,
  keepNext: false,
  keepLines: false,
  widowControl: false,
  contextualSpacing: false,
  pageBreakBefore: false,
  borderTop: 0,
  borderBottom: 0,
  numbered: false,
};
const DEFAULT_R: RunProps = { font: 'Times New Roman', size: 10, bold: false, italic: false, caps: false };

interface Style {
  basedOn?: string;
  p: Partial2<ParaProps>;
  r: Partial2<RunProps>;
}

export class Styles {
  private styles = new Map<string, Style>();
  private elements = new Map<string, El>();
  private defaultsP: Partial2<ParaProps>;
  private defaultsR: Partial2<RunProps>;
  private defaultParagraphStyle?: string;
  /** Indents of numbering levels, by numId and level. */
  private numberingIndent = new Map<string, Partial2<ParaProps>>();

  constructor(styles: El, numbering?: El) {
    const root = child(styles, 'w:styles');
    const dd = child(root, 'w:docDefaults');
    this.defaultsP = readPPr(child(child(dd, 'w:pPrDefault'), 'w:pPr'));
    this.defaultsR = readRPr(child(child(dd, 'w:rPrDefault'), 'w:rPr'));
    for (const s of kids(root, 'w:style')) {
      const id = attr(s, 'w:styleId')!;
      if (attr(s, 'w:type') === 'paragraph' && onOff({ ...s, attrs: { 'w:val': s.attrs['w:default'] ?? 'false' } }))
        this.defaultParagraphStyle = id;
      this.elements.set(id, s);
      this.styles.set(id, {
        basedOn: attr(child(s, 'w:basedOn')),
        p: readPPr(child(s, 'w:pPr')),
        r: readRPr(child(s, 'w:rPr')),
      });
    }
    const nroot = child(numbering, 'w:numbering');
    const abstracts = new Map(kids(nroot, 'w:abstractNum').map((a) => [attr(a, 'w:abstractNumId')!, a]));
    for (const n of kids(nroot, 'w:num')) {
      const a = abstracts.get(attr(child(n, 'w:abstractNumId'))!);
      for (const lvl of kids(a, 'w:lvl'))
        this.numberingIndent.set(`${attr(n, 'w:numId')}/${attr(lvl, 'w:ilvl')}`, readPPr(child(lvl, 'w:pPr')));
    }
  }

  private chain(id: string | undefined): Style[] {
    const out: Style[] = [];
    const seen = new Set<string>();
    while (id && !seen.has(id)) {
      seen.add(id);
      const s = this.styles.get(id);
      if (!s) break;
      out.unshift(s);
      id = s.basedOn;
    }
    return out;
  }

  /** A table style and its bases, base first, as elements (for their w:tblPr). */
  tableChain(id: string | undefined): El[] {
    const out: El[] = [];
    const seen = new Set<string>();
    while (id && !seen.has(id)) {
      seen.add(id);
      const s = this.elements.get(id);
      if (!s) break;
      out.unshift(s);
      id = attr(child(s, 'w:basedOn'));
    }
    return out;
  }

  paragraph(pPr: El | undefined, tableStyle?: string): { p: ParaProps; r: RunProps; styleId: string } {
    const styleId = attr(child(pPr, 'w:pStyle')) ?? this.defaultParagraphStyle ?? 'Normal';
    const table = tableStyle ? this.chain(tableStyle) : [];
    const chain = this.chain(styleId);
    const direct = readPPr(pPr);
    const numPr = child(pPr, 'w:numPr');
    const numId = attr(child(numPr, 'w:numId'));
    const numIndent = numId ? (this.numberingIndent.get(`${numId}/${attr(child(numPr, 'w:ilvl')) ?? '0'}`) ?? {}) : {};
    const p: ParaProps = Object.assign(
      {},
      DEFAULT_P,
      this.defaultsP,
      ...table.map((s) => s.p),
      numIndent,
      ...chain.map((s) => s.p),
      direct,
    );
    const r: RunProps = Object.assign(
      {},
      DEFAULT_R,
      this.defaultsR,
      ...table.map((s) => s.r),
      ...chain.map((s) => s.r),
    );
    return { p, r, styleId };
  }

  run(base: RunProps, rPr: El | undefined): RunProps {
    const chain = this.chain(attr(child(rPr, 'w:rStyle')));
    return Object.assign({}, base, ...chain.map((s) => s.r), readRPr(rPr));
  }
}
