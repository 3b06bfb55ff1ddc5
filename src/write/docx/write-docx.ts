// The Word writer: a document tree (booklet, packet, personalized packet) to the bytes of a .docx, the same bytes each
// time. Each part's WordprocessingML comes from part.ts (kept in ctx.store, reused across documents and editions);
// this module makes the cover and the Contents, fills the parts' holes (bookmark ids, list instances, sections),
// computes the Contents' page numbers from the parts' measures, and zips the package with fflate.
import { strFromU8, strToU8 } from 'fflate';
import type { Cover, Document } from '../../compose/tree.js';
import { el, escapeXml, parseXml, writeXml, type El } from '../../xml/wordml.js';
import { bareContext, type RenderContext } from '../context.js';
import { frameOf, type ListUse } from './frame.js';
import { contents, cover, type ContentsEntry } from './front-matter.js';
import { CLOSE, OPEN, type Hole } from './holes.js';
import { endSection, finishPart, keptPart, type KeptSection, type Metrics, type PartInProgress } from './part.js';
import { CONTENT_TYPES_START, DOCUMENT_START, EMPTY_RELS, PACKAGE_RELS, SETTINGS_START } from './part-roots.js';
import { geometryOf, runningHeadAndFoot, sectionProperties, textBox, type Start } from './page.js';
import { Faces } from './pagination/fonts.js';
import { measureSection, pagesOf } from './pagination/layout.js';
import { Styles } from './pagination/properties.js';
import { zipParts, type Parts } from './zip.js';

/** A section of the document: its XML with holes, its measures, and the part whose holes it has. */
interface Section extends KeptSection {
  part: number;
}

export async function writeDocx(doc: Document, ctx: RenderContext = bareContext()): Promise<Uint8Array> {
  const g = geometryOf(doc);
  const hasContents = doc.parts.some((p) => p.kind === 'contents');
  const lastPart = doc.parts.length - 1;
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
      sections.push({ part: i, layout, runningHead: null, xml: children.map(writeXml).join(''), measure: [], children });
      logo = part.logo;
    } else if (part.kind === 'contents') {
      sections.push({ part: i, layout, runningHead: part.title, xml: '', measure: [] });
    } else {
      const p = keptPart(doc, part, startOf(i), i === lastPart, ctx);
      if ('key' in p) made.push({ at: sections.length, part: p });
      for (const s of p.sections) sections.push({ measure: [], ...s, part: i });
      for (const h of p.headings) headings.push({ part: i, ...h });
    }
  });

  // 2. List instances, numbered in the order the document first uses them (as docx numbers them), and the styles and
  // numbering parts for them.
  const lists = listUses(sections);
  const frame = await frameOf(doc, lists.uses, ctx);

  // 3. Measures of what was made now (kept with its part), and the Contents' pages from every part's measures.
  let metrics: Metrics | undefined;
  const measuring = (): Metrics => (metrics ??= { styles: new Styles(parseXml(strFromU8(frame['word/styles.xml']))), faces: new Faces(ctx.store) });
  if (hasContents || ctx.store) {
    for (const { at, part } of made) finishPart(doc, part, measuring(), ctx).sections.forEach((s, k) => (sections[at + k].measure = s.measure));
  }
  const tocFirst = new Map<number, number>();
  headings.forEach((h, k) => tocFirst.set(h.part, tocFirst.get(h.part) ?? k));
  const tocName = (part: number, k: number) => `_Toc${(tocFirst.get(part) ?? 0) + k + 1}`;
  if (hasContents) {
    const c = sections.findIndex((s) => doc.parts[s.part].kind === 'contents');
    const part = doc.parts[sections[c].part];
    if (part.kind !== 'contents') throw new Error('docx writer: no Contents section');
    const contentsXml = (pages: (number | undefined)[]) =>
      endSection(contents(part, headings.map((h, k): ContentsEntry => ({ level: h.level, text: h.text, page: pages[k] })), g.textWidth('portrait')), 0, sections[c].part === lastPart);
    // Measured without page numbers, as Word lays the field out before it is updated; then written with them.
    for (const s of sections.filter((x) => doc.parts[x.part].kind === 'cover' || x === sections[c])) {
      s.measure = measureSection(measuring().styles, measuring().faces, s === sections[c] ? contentsXml([]) : s.children!, textBox(doc, s.layout).width);
    }
    const pages = pagesOf(sections.map((s) => ({ ...textBox(doc, s.layout), blocks: s.measure, rename: (m: string) => (m.startsWith('#toc') ? tocName(s.part, Number(m.slice(4))) : m) })));
    sections[c].xml = contentsXml(headings.map((_, k) => pages.get(`_Toc${k + 1}`)))
      .map(writeXml)
      .join('');
  }

  // Headers and footers (relationship ids after styles, numbering, notes and settings), then the body.
  const parts: Parts = {};
  const rels: string[] = ['styles', 'numbering', 'footnotes', 'endnotes', 'settings'].map((t, i) => rel(i + 1, t, `${t}.xml`));
  const overrides: string[] = [];
  let headerN = 0;
  let footerN = 0;
  const refsOf = (s: Section) => {
    if (s.runningHead === null) return null;
    const { headers, footers } = runningHeadAndFoot(doc, s.runningHead, s.layout.orientation);
    const ids = { headers: [] as string[], footers: [] as string[] };
    for (const [xml, kind] of [...headers.map((x) => [x, 'header'] as const), ...footers.map((x) => [x, 'footer'] as const)]) {
      const n = kind === 'header' ? ++headerN : ++footerN;
      const id = `rId${rels.length + 1}`;
      rels.push(rel(rels.length + 1, kind, `${kind}${n}.xml`));
      parts[`word/${kind}${n}.xml`] = strToU8(xml);
      parts[`word/_rels/${kind}${n}.xml.rels`] = strToU8(EMPTY_RELS);
      overrides.push(`<Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${kind}+xml" PartName="/word/${kind}${n}.xml"/>`);
      (kind === 'header' ? ids.headers : ids.footers).push(id);
    }
    return ids;
  };
  const sectPrs = sections.map((s) => writeXml(sectionProperties(doc, s.layout, refsOf(s))));
  rels.push(rel(rels.length + 1, 'theme', 'theme/theme1.xml'));
  let imageRel = '';
  if (logo) {
    imageRel = `rId${rels.length + 1}`;
    rels.push(rel(rels.length + 1, 'image', `media/image1.${logo.image.type}`));
    parts[`word/media/image1.${logo.image.type}`] = logo.image.bytes;
  }
  rels.push(rel(rels.length + 1, 'fontTable', 'fontTable.xml'));

  let bookmarkId = 0;
  const open: (number | null)[] = [];
  let body = '';
  let sectionInPart = 0;
  sections.forEach((s, i) => {
    sectionInPart = i > 0 && sections[i - 1].part === s.part ? sectionInPart + 1 : 0;
    const first = i - sectionInPart;
    body += fillHoles(s.xml, (h) => {
      switch (h.kind) {
        case 'bookmark':
          open.push(++bookmarkId);
          return `<w:bookmarkStart w:name="${escapeXml(h.name)}" w:id="${bookmarkId}"/>`;
        case 'toc':
          if (!hasContents) return open.push(null), '';
          open.push(++bookmarkId);
          return `<w:bookmarkStart w:name="${tocName(s.part, h.k)}" w:id="${bookmarkId}"/>`;
        case 'end': {
          const id = open.pop();
          return id === null || id === undefined ? '' : `<w:bookmarkEnd w:id="${id}"/>`;
        }
        case 'num':
          return `<w:numId w:val="${lists.numId(s.part, h)}"/>`;
        case 'section':
          return sectPrs[first + h.i];
        case 'image':
          return `<a:blip r:embed="${imageRel}" cstate="none"/>`;
      }
    });
  });
  body += sectPrs[sectPrs.length - 1];

  Object.assign(parts, frame);
  parts['word/document.xml'] = strToU8(`${DOCUMENT_START}<w:body>${body}</w:body></w:document>`);
  parts['word/_rels/document.xml.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  parts['[Content_Types].xml'] = strToU8(`${CONTENT_TYPES_START}${overrides.join('')}</Types>`);
  parts['_rels/.rels'] = strToU8(PACKAGE_RELS);
  parts['docProps/core.xml'] = strToU8(coreProperties(doc));
  parts['word/settings.xml'] = strToU8(settings(doc));
  return zipParts(parts, doc.meta.date);
}

/**
 * The list instances of the document in the order it first uses them, and the numId of each (docx's default list is
 * numId 1; each instance after it). An ordered list's instance counts on from the parts before its own.
 */
function listUses(sections: Section[]): { uses: ListUse[]; numId: (part: number, h: Extract<Hole, { kind: 'num' }>) => number } {
  const uses: ListUse[] = [];
  const ids = new Map<string, number>();
  const before = new Map<number, number>();
  let ordered = 0;
  const use = (part: number, h: Extract<Hole, { kind: 'num' }>): ListUse =>
    h.ordered ? { ordered: true, start: h.start, instance: before.get(part)! + h.k + 1 } : { ordered: false, start: 1, instance: 0 };
  const key = (u: ListUse) => (u.ordered ? `${u.start}/${u.instance}` : 'bullets');
  for (const s of sections) {
    if (!before.has(s.part)) before.set(s.part, ordered);
    forEachHole(s.xml, (h) => {
      if (h.kind !== 'num') return;
      const u = use(s.part, h);
      if (!ids.has(key(u))) ids.set(key(u), uses.push(u) + 1);
      if (u.ordered) ordered = Math.max(ordered, u.instance);
    });
  }
  return { uses, numId: (part, h) => ids.get(key(use(part, h)))! };
}

function rel(n: number, type: string, target: string): string {
  return `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
}

function forEachHole(xml: string, f: (h: Hole) => void): void {
  for (let at = xml.indexOf(OPEN); at >= 0; at = xml.indexOf(OPEN, at + 1)) f(JSON.parse(xml.slice(at + 1, xml.indexOf(CLOSE, at))) as Hole);
}

function fillHoles(xml: string, fill: (h: Hole) => string): string {
  let out = '';
  let from = 0;
  for (let at = xml.indexOf(OPEN); at >= 0; at = xml.indexOf(OPEN, from)) {
    const end = xml.indexOf(CLOSE, at);
    out += xml.slice(from, at) + fill(JSON.parse(xml.slice(at + 1, end)) as Hole);
    from = end + 1;
  }
  return out + xml.slice(from);
}

/** docProps/core.xml: the publication's metadata, every timestamp its date. */
function coreProperties(doc: Document): string {
  const cover = doc.parts.find((p) => p.kind === 'cover');
  const m = doc.meta;
  const stamp = `${m.date}T00:00:00Z`;
  const description = `${m.subject}. ${m.author}${cover?.kind === 'cover' ? `, ${cover.dateLine}` : ''}.`;
  const t = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    t('dc:title', m.title) +
    t('dc:subject', m.subject) +
    t('dc:creator', m.author) +
    t('cp:keywords', m.keywords) +
    t('dc:description', description) +
    t('cp:lastModifiedBy', m.author) +
    `<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`
  );
}

/** word/settings.xml: mirrored margins when printed two-sided, and then headers of their own for even pages. */
function settings(doc: Document): string {
  const two = doc.page.twoSided;
  return (
    SETTINGS_START +
    writeXml(el('w:displayBackgroundShape')) +
    (two ? '<w:mirrorMargins/>' : '') +
    '<w:defaultTabStop w:val="720"/>' +
    (two ? '<w:evenAndOddHeaders/>' : '') +
    '<w:compat><w:compatSetting w:val="15" w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"/></w:compat></w:settings>'
  );
}

