// The booklet's front matter: the cover (colour band, title, edition, date), the copyright page and the Contents (a TOC field).
import type { Contents, CopyrightPage, Cover } from '../../compose/tree.js';
import { el, textEl, type El } from '../../xml/wordml.js';
import type { BlockContext } from './block-context.js';
import { headingParagraph } from './heading.js';
import { hole } from './holes.js';
import { stringRuns } from './inline.js';
import { HEADING_FONT, S, hex } from './styles.js';
import { cell, para, row, run, tab, table, type Border } from './wml.js';

const NONE: Border = { style: 'none', size: 0, color: 'auto' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };

/** Pictures are sized in pixels (96 an inch); a pixel is 15 twips and 9525 EMU. */
const TWIPS_PER_PX = 15;
const EMU_PER_PX = 9525;

/** An inline picture (DrawingML), its relationship a hole the document fills. A fixed drawing id: the same bytes each build. */
function picture(width: number, height: number, alt: string): El {
  const [cx, cy] = [width * EMU_PER_PX, height * EMU_PER_PX];
  const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
  return el('w:drawing', {}, [
    el('wp:inline', { distT: 0, distB: 0, distL: 0, distR: 0 }, [
      el('wp:extent', { cx, cy }),
      el('wp:effectExtent', { t: 0, r: 0, b: 0, l: 0 }),
      el('wp:docPr', { id: 1, name: 'logo', descr: alt, title: alt }),
      el('wp:cNvGraphicFramePr', {}, [el('a:graphicFrameLocks', { 'xmlns:a': A, noChangeAspect: 1 })]),
      el('a:graphic', { 'xmlns:a': A }, [
        el('a:graphicData', { uri: 'http://schemas.openxmlformats.org/drawingml/2006/picture' }, [
          el('pic:pic', { 'xmlns:pic': 'http://schemas.openxmlformats.org/drawingml/2006/picture' }, [
            el('pic:nvPicPr', {}, [
              el('pic:cNvPr', { id: 0, name: '', descr: '' }),
              el('pic:cNvPicPr', {}, [el('a:picLocks', { noChangeAspect: 1, noChangeArrowheads: 1 })]),
            ]),
            el('pic:blipFill', {}, [hole({ kind: 'image' }), el('a:srcRect'), el('a:stretch', {}, [el('a:fillRect')])]),
            el('pic:spPr', { bwMode: 'auto' }, [
              el('a:xfrm', {}, [el('a:off', { x: 0, y: 0 }), el('a:ext', { cx, cy })]),
              el('a:prstGeom', { prst: 'rect' }, [el('a:avLst')]),
            ]),
          ]),
        ]),
      ]),
    ]),
  ]);
}

/**
 * The logo on a white tile (so any logo reads on any band colour, as on the PDF cover), in its own proportions, at
 * most 1.6 in wide and 0.65 in tall: a wide logo gets the width, a tall or square one the height.
 */
function logoTile(logo: NonNullable<Cover['logo']>): El {
  const room = { width: 154, height: 62 };
  const scale = Math.min(room.width / logo.image.width, room.height / logo.image.height);
  const [width, height] = [
    Math.max(1, Math.round(logo.image.width * scale)),
    Math.max(1, Math.round(logo.image.height * scale)),
  ];
  const pad = 90;
  const tileWidth = width * TWIPS_PER_PX + 2 * pad;
  const tile = cell(
    {
      width: tileWidth,
      borders: NO_BORDERS,
      shading: 'FFFFFF',
      margins: { top: pad, bottom: pad, left: pad, right: pad },
      verticalAlign: 'center',
    },
    [
      para({ spacing: { before: 0, after: 0 }, alignment: 'center' }, [
        run({ children: [picture(width, height, logo.alt)] }),
      ]),
    ],
  );
  return table(
    S.table,
    [tileWidth],
    [row({ height: { value: height * TWIPS_PER_PX + 2 * pad, rule: 'atLeast' } }, [tile])],
  );
}

export function cover(c: Cover, textWidth: number): El[] {
  const accent = hex(c.color);
  const band = table(
    S.table,
    [textWidth],
    [
      row({ height: { value: 2160, rule: 'exact' } }, [
        cell(
          { width: textWidth, borders: NO_BORDERS, shading: accent, margins: { bottom: 240 }, verticalAlign: 'bottom' },
          [
            ...(c.logo ? [logoTile(c.logo)] : []),
            para({ style: S.coverBand }, stringRuns(c.association)),
            para({ style: S.coverBand }, [run({ text: c.abbreviation, bold: false, size: 24 })]),
          ],
        ),
      ]),
    ],
  );
  const rule: Border = { style: 'single', size: 12, space: 8, color: accent };
  const levels = c.levelsLine;
  const textPara = (o: Parameters<typeof para>[0], t: string) => para(o, t === '' ? [] : [run({ text: t })]);
  return [
    band,
    // Outline level 1: the document's first heading, as the cover title is H1 in the PDF (headings below it start at 2).
    textPara({ style: S.title, outlineLevel: 0, spacing: { before: 2400 }, border: { bottom: rule } }, c.title),
    ...(c.subtitle ? [textPara({ style: S.subtitle }, c.subtitle)] : []),
    ...(c.editionLine ? [para({ style: S.coverLine }, stringRuns(c.editionLine, { italics: true }))] : []),
    ...(levels ? [para({ style: S.coverLine, spacing: { before: 2400 } }, [run({ text: levels, bold: true })])] : []),
    para({ style: S.coverLine, spacing: { before: levels ? 0 : 2400 } }, [
      run({ text: c.dateLine, font: HEADING_FONT, bold: true, color: accent }),
    ]),
  ];
}

/** The copyright page: the notice's headings and text, smaller, then the edition's own lines. */
export function copyrightPage(page: CopyrightPage, ctx: BlockContext): El[] {
  const out = page.blocks.flatMap((b): El[] =>
    b.kind === 'heading' ? [headingParagraph(b, ctx.counters)] : ctx.render([b], ctx),
  );
  if (out.length === 0) out.push(para({}));
  return out;
}

/** One entry of the Contents: its level, text and the page its heading lands on (none yet while measuring). */
export interface ContentsEntry {
  level: number;
  text: string;
  page?: number;
}

const fieldChar = (type: 'begin' | 'separate' | 'end') => el('w:fldChar', { 'w:fldCharType': type });
const instruction = (text: string) => textEl('w:instrText', { 'xml:space': 'preserve' }, text);

/**
 * The Contents: a real TOC field over Heading 1–3, with hyperlinks, in a "Table of Contents" block. Its stored result
 * is the entries (as Word writes them when it updates the field), each a link to its heading's `_Toc` bookmark with a
 * PAGEREF field for its page, so the Contents is right when the file is opened and no update is asked for.
 */
export function contents(c: Contents, entries: ContentsEntry[], textWidth: number): El[] {
  const paragraphs = entries.map((e, i) => {
    const anchor = `_Toc${i + 1}`;
    const pageRef = run({
      children: [
        fieldChar('begin'),
        instruction(`PAGEREF ${anchor} \\h`),
        fieldChar('separate'),
        ...(e.page === undefined ? [] : [textEl('w:t', { 'xml:space': 'preserve' }, String(e.page))]),
        fieldChar('end'),
      ],
    });
    return para({ style: `TOC${e.level}`, tabs: [{ type: 'right', position: textWidth, leader: 'dot' }] }, [
      ...(i === 0
        ? [run({ children: [fieldChar('begin'), instruction('TOC \\h \\o "1-3"'), fieldChar('separate')] })]
        : []),
      el('w:hyperlink', { 'w:history': 1, 'w:anchor': anchor }, [
        ...stringRunsOneLine(e.text),
        run({ children: [tab()] }),
        pageRef,
      ]),
    ]);
  });
  // With no headings to list, the field alone (Word fills it in when it is updated).
  if (paragraphs.length === 0)
    paragraphs.push(
      para({}, [run({ children: [fieldChar('begin'), instruction('TOC \\h \\o "1-3"'), fieldChar('separate')] })]),
    );
  const block = el('w:sdt', {}, [
    el('w:sdtPr', {}, [
      el('w:alias', { 'w:val': c.title }),
      el('w:docPartObj', {}, [el('w:docPartGallery', { 'w:val': 'Table of Contents' }), el('w:docPartUnique')]),
    ]),
    el('w:sdtContent', {}, [...paragraphs, para({}, [run({ children: [fieldChar('end')] })])]),
  ]);
  return [para({ style: S.tocHeading }, c.title === '' ? [] : [run({ text: c.title })]), block];
}

/** An entry's title as Word's Contents writes it: tabs and line breaks as spaces. */
const stringRunsOneLine = (text: string): El[] => [run({ text: text.replace(/\t/g, ' ').replace(/\n/g, ' ') })];
