// The .docx package of a document from its sections' XML: the holes filled (bookmark ids, `_Toc` names, list
// instances, section properties, the picture's relationship), the headers and footers as parts of their own, the
// relationships, content types, core properties and settings, and docx's styles, numbering and fixed parts; zipped
// (entries in a fixed order, dated the publication's date; zip.ts).
import { strToU8 } from 'fflate';
import type { Cover, Document } from '../../compose/tree.js';
import { el, escapeWordml, writeXml } from '../../xml/wordml.js';
import type { Frame } from './frame.js';
import { cutXml, Utf8Joiner, type CutXml } from './cut.js';
import type { Hole } from './holes.js';
import type { KeptSection } from './part.js';
import { CONTENT_TYPES_START, DOCUMENT_START, EMPTY_RELS, PACKAGE_RELS, SETTINGS_START } from './part-roots.js';
import { runningHeadAndFoot, sectionProperties } from './page.js';
import { hex } from './styles.js';
import { readOnlyValues } from '../../compose/read-only-values.js';
import { scriptRuns } from './scripts.js';
import { zipParts, type DeflatedEntries, type Parts } from './zip.js';

/** A section of the document: its XML with holes, its measures, and the part whose holes it has. */
export interface Section extends KeptSection {
  part: number;
  /** Its XML cut at the holes, when the run has it already (a kept part's section). */
  cut?: CutXml;
}

/** A section's XML cut at its holes: the run's, or cut now. */
export const cutOf = (s: Section): CutXml => s.cut ?? cutXml(s.xml);

/** What fills the holes besides the sections themselves. */
export interface Fillers {
  /** Whether the document has Contents (then its Heading 1–3 paragraphs have `_Toc` bookmarks). */
  hasContents: boolean;
  /** The `_Toc` name of a part's k-th Contents heading. */
  tocName: (part: number, k: number) => string;
  /** The numId of a list hole. */
  numId: (part: number, h: Extract<Hole, { kind: 'num' }>) => number;
  logo?: Cover['logo'];
}

/** `deflated`: the run's deflated entries (every entry but the body recurs in other documents). */
export function writePackage(
  doc: Document,
  sections: Section[],
  frame: Frame,
  f: Fillers,
  deflated: DeflatedEntries,
): Uint8Array {
  const { hasContents, tocName, logo } = f;
  // Headers and footers (relationship ids after styles, numbering, notes and settings), then the body.
  const parts: Parts = {};
  const rels: string[] = ['styles', 'numbering', 'footnotes', 'endnotes', 'settings'].map((t, i) =>
    rel(i + 1, t, `${t}.xml`),
  );
  const overrides: string[] = [];
  let headerN = 0;
  let footerN = 0;
  const refsOf = (s: Section) => {
    if (s.runningHead === null) return null;
    const { headers, footers } = runningHeadAndFoot(doc, s.runningHead, s.layout.orientation);
    const ids = { headers: [] as string[], footers: [] as string[] };
    for (const [xml, kind] of [
      ...headers.map((x) => [x, 'header'] as const),
      ...footers.map((x) => [x, 'footer'] as const),
    ]) {
      const n = kind === 'header' ? ++headerN : ++footerN;
      const id = `rId${rels.length + 1}`;
      rels.push(rel(rels.length + 1, kind, `${kind}${n}.xml`));
      parts[`word/${kind}${n}.xml`] = strToU8(xml);
      parts[`word/_rels/${kind}${n}.xml.rels`] = strToU8(EMPTY_RELS);
      overrides.push(
        `<Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${kind}+xml" PartName="/word/${kind}${n}.xml"/>`,
      );
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
  const body = new Utf8Joiner();
  body.add(`${DOCUMENT_START}<w:body>`);
  let sectionInPart = 0;
  const values = new Map<number, string[]>();
  const valuesOf = (part: number) => {
    let v = values.get(part);
    if (!v) values.set(part, (v = readOnlyValues(doc.parts[part])));
    return v;
  };
  sections.forEach((s, i) => {
    sectionInPart = i > 0 && sections[i - 1].part === s.part ? sectionInPart + 1 : 0;
    const first = i - sectionInPart;
    fillHoles(cutOf(s), body, (h) => {
      switch (h.kind) {
        case 'bookmark':
          open.push(++bookmarkId);
          return `<w:bookmarkStart w:name="${escapeWordml(h.name)}" w:id="${bookmarkId}"/>`;
        case 'toc':
          if (!hasContents) return (open.push(null), '');
          open.push(++bookmarkId);
          return `<w:bookmarkStart w:name="${tocName(s.part, h.k)}" w:id="${bookmarkId}"/>`;
        case 'end': {
          const id = open.pop();
          return id === null || id === undefined ? '' : `<w:bookmarkEnd w:id="${id}"/>`;
        }
        case 'num':
          return `<w:numId w:val="${f.numId(s.part, h)}"/>`;
        case 'section':
          return sectPrs[first + h.i];
        case 'accentShading':
          return `<w:shd w:fill="${hex(doc.accent)}" w:val="clear"/>`;
        case 'image':
          return `<a:blip r:embed="${imageRel}" cstate="none"/>`;
        case 'readOnlyValue': {
          const value = valuesOf(s.part)[h.k];
          if (value === undefined) throw new Error(`docx writer: a part's read-only field ${h.k + 1} has no value`);
          return scriptRuns(value).map(writeXml).join('');
        }
      }
    });
  });
  body.add(`${sectPrs[sectPrs.length - 1]}</w:body></w:document>`);

  Object.assign(parts, frame);
  parts['word/document.xml'] = body.bytes();
  parts['word/_rels/document.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  parts['[Content_Types].xml'] = strToU8(`${CONTENT_TYPES_START}${overrides.join('')}</Types>`);
  parts['_rels/.rels'] = strToU8(PACKAGE_RELS);
  parts['docProps/core.xml'] = strToU8(coreProperties(doc));
  parts['word/settings.xml'] = strToU8(settings(doc));
  return zipParts(parts, doc.meta.date, deflated, ['word/document.xml']);
}

function rel(n: number, type: string, target: string): string {
  return `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
}

function fillHoles(cut: CutXml, out: Utf8Joiner, fill: (h: Hole) => string): void {
  cut.holes.forEach((h, k) => {
    out.add(cut.texts[k]);
    out.add(fill(h));
  });
  out.add(cut.texts[cut.holes.length]);
}

/** docProps/core.xml: the publication's metadata, every timestamp its date. */
function coreProperties(doc: Document): string {
  const cover = doc.parts.find((p) => p.kind === 'cover');
  const m = doc.meta;
  const stamp = `${m.date}T00:00:00Z`;
  const description = `${m.subject}. ${m.author}${cover?.kind === 'cover' ? `, ${cover.dateLine}` : ''}.`;
  const t = (name: string, value: string) => `<${name}>${escapeWordml(value)}</${name}>`;
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
