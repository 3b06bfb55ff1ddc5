// A .docx read into a flat list of paragraphs and tables: style, outline level, list level, emphasis, bookmarks and
// text (soft line breaks kept as "\n"). The OOXML is read with fflate (package.ts) and sax (no DTDs, no entities).
import type { Inline } from '../model/schema.js';
import { DocxError, openDocx } from './package.js';
import { attr as val, child, kids, onOff as on, parseXml as parseWordml, type El } from '../xml/wordml.js';

export interface DocxParagraph {
  kind: 'p';
  /** The style's name as Word shows it ("heading 2", "List Bullet", "Normal"). */
  style: string;
  /** 1-9 for a heading (its style's or its own outline level), else null. */
  outline: number | null;
  /** A numbered or bulleted paragraph: its level (0 = top) and whether it counts. */
  list: { level: number; ordered: boolean } | null;
  /** Every letter is bold / italic. */
  bold: boolean;
  italic: boolean;
  runs: Inline[];
  text: string;
  bookmarks: string[];
  /** Position in the document: the paragraph's number, counted from 1. */
  n: number;
}
export interface DocxTable {
  kind: 'table';
  rows: DocxBlock[][][];
  /** The first row is marked to repeat as a header row. */
  headerRow: boolean;
  n: number;
}
export type DocxBlock = DocxParagraph | DocxTable;

export interface DocxBook {
  file: string;
  blocks: DocxBlock[];
  /** What the file states about itself. */
  meta: {
    title?: string;
    creator?: string;
    created?: string;
    pageSize?: 'LETTER' | 'A4';
    pageTwips?: [number, number];
    language?: string;
    footers: string[];
  };
}

/** Parses one XML part of a file from outside; a DOCTYPE (and so any entity definition) is refused. */
function parseXml(xml: string, shown: string, part: string): El {
  return parseWordml(xml, {
    doctype: () => {
      throw new DocxError(
        `${shown}: ${part} declares a DOCTYPE, which Word never writes; refused (no external entities are read)`,
      );
    },
    error: (e) => {
      throw new DocxError(
        `${shown}: ${part} is not well-formed XML (${e.message.split('\n')[0]}); expected a Word document`,
      );
    },
  });
}

function find(el: El, name: string): El | undefined {
  for (const c of el.children) {
    if (c.name === name) return c;
    const f = find(c, name);
    if (f) return f;
  }
  return undefined;
}

interface StyleInfo {
  name: string;
  outline: number | null;
  bold?: boolean;
  italic?: boolean;
  numId?: string;
  ilvl?: number;
  basedOn?: string;
}

function readStyles(xml: string | undefined, shown: string): { styles: Map<string, StyleInfo>; language?: string } {
  const styles = new Map<string, StyleInfo>();
  if (!xml) return { styles };
  const root = parseXml(xml, shown, 'word/styles.xml');
  const top = child(root, 'w:styles');
  const language = find(child(top, 'w:docDefaults') ?? { name: '', attrs: {}, children: [], text: '' }, 'w:lang')
    ?.attrs['w:val'];
  for (const s of kids(top, 'w:style')) {
    const id = s.attrs['w:styleId'];
    const name = val(child(s, 'w:name')) ?? id;
    const ppr = child(s, 'w:pPr');
    const rpr = child(s, 'w:rPr');
    const heading = /^heading (\d)$/i.exec(name);
    const lvl = val(child(ppr, 'w:outlineLvl'));
    const numPr = child(ppr, 'w:numPr');
    styles.set(id, {
      name,
      outline: heading ? Number(heading[1]) : lvl !== undefined && Number(lvl) < 9 ? Number(lvl) + 1 : null,
      bold: on(child(rpr, 'w:b')),
      italic: on(child(rpr, 'w:i')),
      numId: val(child(numPr, 'w:numId')),
      ilvl: numPr ? Number(val(child(numPr, 'w:ilvl')) ?? 0) : undefined,
      basedOn: val(child(s, 'w:basedOn')),
    });
  }
  // Properties a style inherits from the style it is based on.
  const resolve = (id: string, seen = new Set<string>()): StyleInfo | undefined => {
    const s = styles.get(id);
    if (!s || !s.basedOn || seen.has(id)) return s;
    seen.add(id);
    const parent = resolve(s.basedOn, seen);
    if (parent) {
      s.outline ??= parent.outline;
      s.bold ??= parent.bold;
      s.italic ??= parent.italic;
      s.numId ??= parent.numId;
      s.ilvl ??= parent.ilvl;
    }
    s.basedOn = undefined;
    return s;
  };
  for (const id of styles.keys()) resolve(id);
  return { styles, language };
}

/** numId → for each level, whether it counts (decimal, letters, roman) rather than bullets. */
function readNumbering(xml: string | undefined, shown: string): Map<string, boolean[]> {
  const out = new Map<string, boolean[]>();
  if (!xml) return out;
  const root = child(parseXml(xml, shown, 'word/numbering.xml'), 'w:numbering');
  const abstract = new Map<string, boolean[]>();
  for (const a of kids(root, 'w:abstractNum')) {
    const levels: boolean[] = [];
    for (const l of kids(a, 'w:lvl'))
      levels[Number(l.attrs['w:ilvl'] ?? 0)] = !['bullet', 'none'].includes(val(child(l, 'w:numFmt')) ?? 'bullet');
    abstract.set(a.attrs['w:abstractNumId'], levels);
  }
  for (const n of kids(root, 'w:num'))
    out.set(n.attrs['w:numId'], abstract.get(val(child(n, 'w:abstractNumId')) ?? '') ?? []);
  return out;
}

function textOf(el: El): string {
  return el.text + el.children.map(textOf).join('');
}

export function readDocx(path: string, shown: string): DocxBook {
  const parts = openDocx(path, shown);
  const { styles, language } = readStyles(parts.get('word/styles.xml'), shown);
  const numbering = readNumbering(parts.get('word/numbering.xml'), shown);
  const doc = parseXml(parts.get('word/document.xml')!, shown, 'word/document.xml');
  const body = child(child(doc, 'w:document'), 'w:body');
  if (!body) throw new DocxError(`${shown}: word/document.xml has no body; expected a Word document`);
  let n = 0;

  const paragraph = (p: El, out: DocxBlock[]): void => {
    const ppr = child(p, 'w:pPr');
    const styleId = val(child(ppr, 'w:pStyle')) ?? 'Normal';
    const style = styles.get(styleId) ?? { name: styleId, outline: null };
    const ownLevel = val(child(ppr, 'w:outlineLvl'));
    const numPr = child(ppr, 'w:numPr');
    const numId = val(child(numPr, 'w:numId')) ?? style.numId;
    const ilvl = numPr ? Number(val(child(numPr, 'w:ilvl')) ?? 0) : (style.ilvl ?? 0);
    const runs: Inline[] = [];
    const bookmarks: string[] = [];
    const nested: DocxBlock[] = [];
    const walk = (el: El, fmt: { bold?: boolean; italic?: boolean }): void => {
      for (const c of el.children) {
        switch (c.name) {
          case 'w:r': {
            const rpr = child(c, 'w:rPr');
            const f = { bold: on(child(rpr, 'w:b')) ?? style.bold, italic: on(child(rpr, 'w:i')) ?? style.italic };
            for (const r of c.children) {
              if (r.name === 'w:t') push(runs, r.text, f);
              else if (r.name === 'w:tab') push(runs, '\t', f);
              else if (r.name === 'w:br' && (r.attrs['w:type'] ?? 'textWrapping') === 'textWrapping')
                push(runs, '\n', f);
              else if (r.name === 'w:cr') push(runs, '\n', f);
              else if (r.name === 'w:noBreakHyphen') push(runs, '-', f);
              else if (r.name === 'w:sym') push(runs, '', f);
              else if (r.name === 'w:drawing' || r.name === 'w:pict' || r.name === 'mc:AlternateContent')
                textBoxes(r, nested);
            }
            break;
          }
          case 'w:bookmarkStart':
            if (c.attrs['w:name']) bookmarks.push(c.attrs['w:name']);
            break;
          case 'w:del':
          case 'w:moveFrom':
          case 'w:pPr':
            break;
          default:
            // Hyperlinks, inserted text, smart tags, content controls, simple fields: their runs are the text.
            walk(c, fmt);
        }
      }
    };
    walk(p, {});
    out.push(...nested);
    const text = runs.map((r) => r.text).join('');
    const visible = runs.filter((r) => r.text.trim());
    n++;
    out.push({
      kind: 'p',
      style: style.name,
      outline: ownLevel !== undefined && Number(ownLevel) < 9 ? Number(ownLevel) + 1 : style.outline,
      list: numId && numId !== '0' ? { level: ilvl, ordered: numbering.get(numId)?.[ilvl] ?? false } : null,
      bold: visible.length > 0 && visible.every((r) => r.bold),
      italic: visible.length > 0 && visible.every((r) => r.italic),
      runs,
      text,
      bookmarks,
      n,
    });
  };

  // Paragraphs inside a text box or shape; mc:Fallback repeats mc:Choice, so only the choice is read.
  const textBoxes = (el: El, out: DocxBlock[]): void => {
    for (const c of el.children) {
      if (c.name === 'mc:Fallback') continue;
      if (c.name === 'w:txbxContent') container(c, out);
      else textBoxes(c, out);
    }
  };

  const table = (t: El, out: DocxBlock[]): void => {
    const rows: DocxBlock[][][] = [];
    const first = kids(t, 'w:tr')[0];
    const headerRow = !!first && on(child(child(first, 'w:trPr'), 'w:tblHeader')) === true;
    const tableN = ++n;
    for (const tr of kids(t, 'w:tr')) {
      const cells: DocxBlock[][] = [];
      for (const tc of tr.children.filter((c) => c.name === 'w:tc' || c.name === 'w:sdt')) {
        const cellEl = tc.name === 'w:sdt' ? (find(tc, 'w:tc') ?? tc) : tc;
        const blocks: DocxBlock[] = [];
        // A vertically merged continuation cell holds nothing of its own.
        if (
          val(child(child(cellEl, 'w:tcPr'), 'w:vMerge')) === undefined ||
          child(child(cellEl, 'w:tcPr'), 'w:vMerge')?.attrs['w:val'] === 'restart'
        )
          container(cellEl, blocks);
        cells.push(blocks);
      }
      rows.push(cells);
    }
    out.push({ kind: 'table', rows, headerRow, n: tableN });
  };

  const container = (el: El, out: DocxBlock[]): void => {
    for (const c of el.children) {
      if (c.name === 'w:p') paragraph(c, out);
      else if (c.name === 'w:tbl') table(c, out);
      else if (c.name === 'w:sdt') {
        // The table of contents is a content control of the "Table of Contents" gallery: not the booklet's text.
        const gallery = val(find(child(c, 'w:sdtPr') ?? c, 'w:docPartGallery') ?? undefined);
        if (gallery && /table of contents/i.test(gallery)) continue;
        container(child(c, 'w:sdtContent') ?? c, out);
      } else if (c.name === 'w:customXml' || c.name === 'w:ins' || c.name === 'w:moveTo') container(c, out);
    }
  };

  const blocks: DocxBlock[] = [];
  container(body, blocks);

  const sect = find(body, 'w:sectPr');
  const pgSz = sect ? child(sect, 'w:pgSz') : undefined;
  let pageSize: 'LETTER' | 'A4' | undefined;
  let pageTwips: [number, number] | undefined;
  if (pgSz) {
    const [w, h] = [Number(pgSz.attrs['w:w']), Number(pgSz.attrs['w:h'])].sort((a, b) => a - b);
    pageTwips = [w, h];
    // Letter is 12240 × 15840 twips, A4 11906 × 16838; Word and LibreOffice round a little.
    if (Math.abs(w - 12240) < 60 && Math.abs(h - 15840) < 60) pageSize = 'LETTER';
    else if (Math.abs(w - 11906) < 60 && Math.abs(h - 16838) < 60) pageSize = 'A4';
  }
  const core = parts.get('docProps/core.xml');
  const coreRoot = core ? parseXml(core, shown, 'docProps/core.xml') : undefined;
  const coreText = (name: string) => {
    const el = coreRoot && find(coreRoot, name);
    const t = el ? textOf(el).trim() : '';
    return t || undefined;
  };
  const footers = [...parts.keys()]
    .filter((k) => /^word\/footer\d*\.xml$/.test(k))
    .sort()
    .map((k) => {
      const root = parseXml(parts.get(k)!, shown, k);
      const lines: string[] = [];
      const collect = (el: El) => {
        for (const c of el.children) {
          if (c.name === 'w:p')
            lines.push(
              kids(c, 'w:r')
                .flatMap((r) => kids(r, 'w:t').map((t) => t.text))
                .join('')
                .trim(),
            );
          else collect(c);
        }
      };
      collect(root);
      return lines.filter(Boolean).join('\n');
    })
    .filter(Boolean);
  return {
    file: shown,
    blocks,
    meta: {
      title: coreText('dc:title'),
      creator: coreText('dc:creator'),
      created: coreText('dcterms:created'),
      pageSize,
      pageTwips,
      language,
      footers,
    },
  };
}

function push(runs: Inline[], text: string, f: { bold?: boolean; italic?: boolean }): void {
  const last = runs[runs.length - 1];
  const bold = !!f.bold;
  const italic = !!f.italic;
  if (last && !!last.bold === bold && !!last.italic === italic) last.text += text;
  else runs.push({ text, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
}
