// The Word writer: a document tree (booklet, packet, personalized packet) to the bytes of a .docx, the same bytes each
// time. Each part's WordprocessingML comes from part.ts (kept in ctx.store, reused across documents and editions);
// this module makes the cover and the Contents, fills the parts' holes (bookmark ids, list instances, sections),
// computes the Contents' page numbers from the parts' measures; package.ts writes and zips the package.
import { strFromU8 } from 'fflate';
import type { Cover, Document } from '../../compose/tree.js';
import { parseXml, writeXml, type El } from '../../xml/wordml.js';
import { bareContext, type RenderContext } from '../context.js';
import { frameOf, type Frame, type ListUse } from './frame.js';
import { cutXml, type CutXml } from './cut.js';
import { docxMemory, type DocxMemory } from './memory.js';
import { contents, cover, type ContentsEntry } from './front-matter.js';
import type { Hole } from './holes.js';
import { cutOf, writePackage, type Section } from './package.js';
import { endSection, finishPart, keptPart, type Metrics, type PartInProgress } from './part.js';
import { geometryOf, textBox, type Start } from './page.js';
import { measureSection, pagesOf, tocOfMark } from './pagination/layout.js';
import { Styles } from './pagination/properties.js';

export async function writeDocx(doc: Document, ctx: RenderContext = bareContext()): Promise<Uint8Array> {
  const g = geometryOf(doc);
  const hasContents = doc.parts.some((p) => p.kind === 'contents');
  const lastPart = doc.parts.length - 1;
  const memory = docxMemory(ctx);
  // Every part after the first starts on a right-hand page, but the copyright page, the back of the cover.
  const startOf = (i: number): Start => (i === 0 || doc.parts[i].kind === 'copyright' ? 'newPage' : 'rightHandPage');

  // 1. Each part's XML: kept, or made now. The cover and the Contents are made for each document.
  const made: { at: number; part: PartInProgress }[] = [];
  const sections: (Section & { children?: El[] })[] = [];
  const headings: { part: number; level: number; text: string }[] = [];
  let logo: Cover['logo'];
  doc.parts.forEach((part, i) => {
    const layout = { orientation: 'portrait' as const, start: startOf(i) };
    if (part.kind === 'cover') {
      const children = endSection(cover(part, g.textWidth('portrait')), 0, i === lastPart);
      sections.push({
        part: i,
        layout,
        runningHead: null,
        xml: children.map(writeXml).join(''),
        measure: [],
        children,
      });
      logo = part.logo;
    } else if (part.kind === 'contents') {
      sections.push({ part: i, layout, runningHead: part.title, xml: '', measure: [] });
    } else {
      const p = keptPart(doc, part, startOf(i), i === lastPart, ctx, memory.parts);
      if ('key' in p) made.push({ at: sections.length, part: p });
      for (const s of p.sections) sections.push({ measure: [], ...s, part: i, cut: cutOnce(s, memory) });
      for (const h of p.headings) headings.push({ part: i, ...h });
    }
  });

  // 2. List instances, numbered in the order the document first uses them (as docx numbers them), and the styles and
  // numbering parts for them.
  const lists = listUses(sections);
  const { frame, shared } = await frameOf(doc, lists.uses, ctx, memory.frames);

  // 3. Measures of what was made now (kept with its part: another document may need them even if this one has no
  // Contents), and the Contents' pages from every part's measures.
  let metrics: Metrics | undefined;
  const measuring = (): Metrics => (metrics ??= { styles: stylesOf(shared, memory), faces: memory.faces });
  for (const { at, part } of made)
    finishPart(doc, part, measuring(), ctx, memory.parts).sections.forEach(
      (s, k) => (sections[at + k].measure = s.measure),
    );
  const tocFirst = new Map<number, number>();
  headings.forEach((h, k) => tocFirst.set(h.part, tocFirst.get(h.part) ?? k));
  const tocName = (part: number, k: number) => `_Toc${(tocFirst.get(part) ?? 0) + k + 1}`;
  if (hasContents) {
    const c = sections.findIndex((s) => doc.parts[s.part].kind === 'contents');
    const part = doc.parts[sections[c].part];
    if (part.kind !== 'contents') throw new Error('docx writer: no Contents section');
    const contentsXml = (pages: (number | undefined)[]) =>
      endSection(
        contents(
          part,
          headings.map((h, k): ContentsEntry => ({ level: h.level, text: h.text, page: pages[k] })),
          g.textWidth('portrait'),
        ),
        0,
        sections[c].part === lastPart,
      );
    // Measured without page numbers, as Word lays the field out before it is updated; then written with them.
    for (const s of sections.filter((x) => doc.parts[x.part].kind === 'cover' || x === sections[c])) {
      s.measure = measureSection(
        measuring().styles,
        measuring().faces,
        s === sections[c] ? contentsXml([]) : s.children!,
        textBox(doc, s.layout).width,
      );
    }
    const pages = pagesOf(
      sections.map((s) => ({
        ...textBox(doc, s.layout),
        blocks: s.measure,
        rename: (m: string) => {
          const k = tocOfMark(m);
          return k === undefined ? m : tocName(s.part, k);
        },
      })),
    );
    sections[c].xml = contentsXml(headings.map((_, k) => pages.get(`_Toc${k + 1}`)))
      .map(writeXml)
      .join('');
  }

  return writePackage(
    doc,
    sections,
    frame,
    { hasContents, tocName, numId: lists.numId, logo },
    docxMemory(ctx).deflated,
  );
}

/** A part's section cut at its holes: a kept section once a run. */
function cutOnce(s: { xml: string }, memory: DocxMemory): CutXml {
  let cut = memory.cuts.get(s);
  if (!cut) memory.cuts.set(s, (cut = cutXml(s.xml)));
  return cut;
}

/** The styles of a frame as Word resolves them, read once a run (in any colour: measures do not depend on it). */
function stylesOf(frame: Frame, memory: DocxMemory): Styles {
  const xml = frame['word/styles.xml'];
  let styles = memory.styles.get(xml);
  if (!styles) memory.styles.set(xml, (styles = new Styles(parseXml(strFromU8(xml)))));
  return styles;
}

/**
 * The list instances of the document in the order it first uses them, and the numId of each (docx's default list is
 * numId 1; each instance after it). An ordered list's instance counts on from the parts before its own.
 */
function listUses(sections: Section[]): {
  uses: ListUse[];
  numId: (part: number, h: Extract<Hole, { kind: 'num' }>) => number;
} {
  const uses: ListUse[] = [];
  const ids = new Map<string, number>();
  const before = new Map<number, number>();
  let ordered = 0;
  const use = (part: number, h: Extract<Hole, { kind: 'num' }>): ListUse =>
    h.ordered
      ? { ordered: true, start: h.start, instance: before.get(part)! + h.k + 1 }
      : { ordered: false, start: 1, instance: 0 };
  const key = (u: ListUse) => (u.ordered ? `${u.start}/${u.instance}` : 'bullets');
  for (const s of sections) {
    if (!before.has(s.part)) before.set(s.part, ordered);
    for (const h of cutOf(s).holes) {
      if (h.kind !== 'num') continue;
      const u = use(s.part, h);
      if (!ids.has(key(u))) ids.set(key(u), uses.push(u) + 1);
      if (u.ordered) ordered = Math.max(ordered, u.instance);
    }
  }
  return { uses, numId: (part, h) => ids.get(key(use(part, h)))! };
}
