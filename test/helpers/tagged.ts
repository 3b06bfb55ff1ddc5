// Reads a PDF's structure back and checks it the way a PDF/UA validator would, as far as a machine can
// (Matterhorn Protocol 1.1 failure conditions named in the README): two independent readers, pdf-lib for the
// dictionaries (structure tree, parent tree, annotations, fonts, metadata) and pdfjs-dist for the content streams
// (marked-content operators around every text and painting operator, the text of each marked sequence).
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFRawStream,
  decodePDFRawStream,
  PDFString,
  PDFHexString,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
import { restoreNativeBuiltins } from './native-builtins.js';

restoreNativeBuiltins();

export interface StructNode {
  role: string;
  scope?: string;
  numbering?: string;
  alt?: string;
  kids: StructNode[];
  /** Marked content (page index, MCID) and annotations (page index, the annotation), in order. */
  content: ({ page: number; mcid: number } | { page: number; annot: PDFRef })[];
}

export interface TaggedPdf {
  root: StructNode | null;
  lang: string | null;
  marked: boolean;
  displayDocTitle: boolean;
  xmp: string;
  title: string;
  problems: string[];
  /** The text of each marked sequence, by page and MCID. */
  mcidText: Map<string, string>;
  pageCount: number;
}

const name = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : undefined);
const text = (o: PDFObject | undefined) =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

const TEXT_OPS = new Set([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
const PAINT_OPS = new Set([
  OPS.fill,
  OPS.stroke,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
  OPS.shadingFill,
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
]);

/** Checks the content streams: every text and painting operator inside tagged content or an Artifact. */
async function readContent(
  bytes: Uint8Array,
  problems: string[],
  withText: boolean,
): Promise<{ mcids: Map<number, Set<number>>; mcidText: Map<string, string> }> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  restoreNativeBuiltins(); // the first document loads pdfjs's worker module, which replaces them again
  const mcids = new Map<number, Set<number>>();
  const mcidText = new Map<string, string>();
  for (let p = 0; p < doc.numPages; p++) {
    const page = await doc.getPage(p + 1);
    const ops = await page.getOperatorList();
    const stack: (number | 'artifact' | 'other')[] = [];
    const own = new Set<number>();
    let untagged = 0;
    // A form field's appearance (pdf.js draws one for a field with a value, such as the packet id) is the widget
    // annotation's, not the page's content: it is tagged by the widget's /StructParent.
    let inAnnotation = 0;
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i];
      if (fn === OPS.beginAnnotation) inAnnotation++;
      else if (fn === OPS.endAnnotation) inAnnotation--;
      else if (inAnnotation) return;
      else if (fn === OPS.beginMarkedContent) stack.push(args[0]?.name === 'Artifact' ? 'artifact' : 'other');
      else if (fn === OPS.beginMarkedContentProps) {
        const tag = typeof args[0] === 'string' ? args[0] : args[0]?.name;
        const mcid = typeof args[1] === 'number' ? args[1] : null;
        if (tag === 'Artifact') stack.push('artifact');
        else if (mcid !== null) {
          if (own.has(mcid)) problems.push(`page ${p + 1}: MCID ${mcid} used twice`);
          own.add(mcid);
          stack.push(mcid);
        } else stack.push('other');
      } else if (fn === OPS.endMarkedContent) stack.pop();
      else {
        const paints =
          TEXT_OPS.has(fn) ||
          PAINT_OPS.has(fn) ||
          (fn === OPS.constructPath && args?.[0] !== OPS.endPath && args?.[1]?.[0] != null);
        const inside = stack.some((s) => s === 'artifact' || typeof s === 'number');
        if (paints && !inside) untagged++;
      }
    });
    if (untagged)
      problems.push(
        `page ${p + 1}: ${untagged} text or painting operators outside tagged content and Artifacts (Matterhorn 01-005)`,
      );
    if (stack.length) problems.push(`page ${p + 1}: marked content left open`);
    mcids.set(p, own);
    if (!withText) continue;
    const content = await page.getTextContent({ includeMarkedContent: true } as never);
    let current: string | null = null;
    const depth: (string | null)[] = [];
    for (const item of content.items as { type?: string; id?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        depth.push(current);
        if (item.id) current = item.id;
      } else if (item.type === 'endMarkedContent') current = depth.pop() ?? null;
      else if (current && item.str !== undefined) {
        const mcid = Number(current.split('_mc')[1]);
        const key = `${p}:${mcid}`;
        mcidText.set(key, (mcidText.get(key) ?? '') + item.str);
      }
    }
  }
  await doc.loadingTask.destroy();
  return { mcids, mcidText };
}

function fontProblems(doc: PDFDocument, problems: string[]): void {
  const seen = new Set<PDFDict>();
  const checkFont = (font: PDFDict, where: string) => {
    if (seen.has(font)) return;
    seen.add(font);
    const subtype = name(font.get(PDFName.of('Subtype')));
    const target = subtype === 'Type0' ? font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict) : font;
    const fd = target.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const embedded = fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => fd.has(PDFName.of(k)));
    if (!embedded)
      problems.push(`${where}: font ${name(font.get(PDFName.of('BaseFont')))} is not embedded (Matterhorn 31-009)`);
    if (subtype === 'Type0' && !font.has(PDFName.of('ToUnicode')))
      problems.push(
        `${where}: font ${name(font.get(PDFName.of('BaseFont')))} has no ToUnicode map (Matterhorn 31-027)`,
      );
  };
  const fontsOf = (resources: PDFDict | undefined, where: string) => {
    const fonts = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) checkFont(doc.context.lookup(ref, PDFDict), where);
  };
  doc.getPages().forEach((page, i) => fontsOf(page.node.Resources(), `page ${i + 1}`));
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  fontsOf(acroForm?.lookupMaybe(PDFName.of('DR'), PDFDict), 'form fields');
  if (acroForm) {
    const da = text(acroForm.get(PDFName.of('DA'))) ?? '';
    const used = /\/(\S+)\s+[\d.]+\s+Tf/.exec(da)?.[1];
    const dr = acroForm.lookupMaybe(PDFName.of('DR'), PDFDict)?.lookupMaybe(PDFName.of('Font'), PDFDict);
    if (!used || !dr?.has(PDFName.of(used)))
      problems.push(`form fields: the default appearance names font ${used}, not in the form's resources`);
  }
}

/**
 * Reads and checks a tagged PDF. `problems` lists every failed check; a PDF that passes has none. `withText` also
 * reads the text of each marked sequence (for `structureText`), which takes as long again.
 */
export async function readTagged(path: string, { withText = false } = {}): Promise<TaggedPdf> {
  const bytes = new Uint8Array(readFileSync(path));
  const problems: string[] = [];
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const catalog = doc.catalog;
  const rootDict = catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const marked = markInfo?.get(PDFName.of('Marked'))?.toString() === 'true';
  const viewer = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  const metadata = catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream);
  const xmp = metadata
    ? new TextDecoder().decode(
        metadata instanceof PDFRawStream
          ? decodePDFRawStream(metadata).decode()
          : (metadata as PDFStream).getContents(),
      )
    : '';
  const result: TaggedPdf = {
    root: null,
    lang: text(catalog.get(PDFName.of('Lang'))) ?? null,
    marked,
    displayDocTitle: viewer?.get(PDFName.of('DisplayDocTitle'))?.toString() === 'true',
    xmp,
    title: doc.getTitle() ?? '',
    problems,
    mcidText: new Map(),
    pageCount: pages.length,
  };
  // An untagged file is the first failure, not an absence of failures (Matterhorn 01-002, 01-004).
  if (!rootDict) {
    problems.push('no /StructTreeRoot: the file is not tagged (Matterhorn 01-004)');
    if (!marked) problems.push('no /MarkInfo /Marked true (Matterhorn 01-002)');
    return result;
  }

  // The structure tree, and what it says each MCID and annotation belongs to.
  const owners = new Map<string, StructNode>();
  const annotOwners = new Map<string, StructNode>();
  const walk = (ref: PDFObject, parentRef: PDFRef | null): StructNode => {
    const dict = doc.context.lookup(ref, PDFDict);
    const node: StructNode = { role: name(dict.get(PDFName.of('S'))) ?? '?', kids: [], content: [] };
    const p = dict.get(PDFName.of('P'));
    if (parentRef && p !== parentRef) problems.push(`${node.role}: its /P is not its parent`);
    const attrs = dict.lookupMaybe(PDFName.of('A'), PDFDict);
    node.scope = name(attrs?.get(PDFName.of('Scope')));
    node.numbering = name(attrs?.get(PDFName.of('ListNumbering')));
    node.alt = text(dict.get(PDFName.of('Alt')));
    const pg = dict.get(PDFName.of('Pg'));
    const k = dict.get(PDFName.of('K'));
    const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
    for (const kid of kids) {
      if (kid instanceof PDFNumber) {
        if (!(pg instanceof PDFRef)) problems.push(`${node.role}: MCID without /Pg`);
        const page = pageIndex.get(String(pg)) ?? -1;
        node.content.push({ page, mcid: kid.asNumber() });
        owners.set(`${page}:${kid.asNumber()}`, node);
        continue;
      }
      const kd = doc.context.lookup(kid);
      if (kd instanceof PDFDict && name(kd.get(PDFName.of('Type'))) === 'MCR') {
        const page = pageIndex.get(String(kd.get(PDFName.of('Pg')))) ?? -1;
        const mcid = kd.lookup(PDFName.of('MCID'), PDFNumber).asNumber();
        node.content.push({ page, mcid });
        owners.set(`${page}:${mcid}`, node);
      } else if (kd instanceof PDFDict && name(kd.get(PDFName.of('Type'))) === 'OBJR') {
        const annot = kd.get(PDFName.of('Obj')) as PDFRef;
        node.content.push({ page: pageIndex.get(String(kd.get(PDFName.of('Pg')))) ?? -1, annot });
        annotOwners.set(annot.toString(), node);
      } else if (kid instanceof PDFRef) node.kids.push(walk(kid, ref as PDFRef));
    }
    return node;
  };
  const top = rootDict.get(PDFName.of('K'));
  result.root = walk(top!, null);

  // The parent tree agrees with the tree: each page's MCIDs and each annotation.
  const nums = rootDict.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
  const parentTree = new Map<number, PDFObject>();
  for (let i = 0; i < nums.size(); i += 2) parentTree.set(nums.lookup(i, PDFNumber).asNumber(), nums.get(i + 1));
  const { mcids, mcidText } = await readContent(bytes, problems, withText);
  result.mcidText = mcidText;
  pages.forEach((page, i) => {
    const used = mcids.get(i) ?? new Set();
    for (const mcid of used)
      if (!owners.has(`${i}:${mcid}`)) problems.push(`page ${i + 1}: MCID ${mcid} is in no structure element`);
    const key = page.node.lookupMaybe(PDFName.of('StructParents'), PDFNumber)?.asNumber();
    if (used.size && key === undefined) problems.push(`page ${i + 1}: no /StructParents`);
    if (key !== undefined) {
      const arr = doc.context.lookup(parentTree.get(key)!, PDFArray);
      if (!arr || arr.size() < used.size) problems.push(`page ${i + 1}: parent tree entry missing or short`);
    }
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (annots?.size() && name(page.node.get(PDFName.of('Tabs'))) !== 'S')
      problems.push(`page ${i + 1}: annotations but no /Tabs /S (Matterhorn 28-001... 28-017)`);
    for (let a = 0; annots && a < annots.size(); a++) {
      const ref = annots.get(a) as PDFRef;
      const annot = annots.lookup(a, PDFDict);
      const subtype = name(annot.get(PDFName.of('Subtype')));
      const sp = annot.lookupMaybe(PDFName.of('StructParent'), PDFNumber)?.asNumber();
      const owner = annotOwners.get(ref.toString());
      if (sp === undefined || !owner)
        problems.push(
          `page ${i + 1}: ${subtype} annotation not in the structure (OBJR, /StructParent) (Matterhorn 28-002)`,
        );
      else if (parentTree.get(sp)?.toString() === undefined)
        problems.push(`page ${i + 1}: ${subtype} annotation's /StructParent not in the parent tree`);
      if (subtype === 'Link') {
        if (owner && owner.role !== 'Link')
          problems.push(`page ${i + 1}: a link inside ${owner.role}, not Link (Matterhorn 28-011)`);
        if (!text(annot.get(PDFName.of('Contents'))))
          problems.push(`page ${i + 1}: a link without /Contents (Matterhorn 28-004)`);
      }
      if (subtype === 'Widget') {
        if (owner && owner.role !== 'Form') problems.push(`page ${i + 1}: a widget inside ${owner.role}, not Form`);
        const field = annot.lookupMaybe(PDFName.of('Parent'), PDFDict) ?? annot;
        if (!text(field.get(PDFName.of('TU'))))
          problems.push(`page ${i + 1}: a form field without /TU (Matterhorn 28-005)`);
      }
    }
  });
  fontProblems(doc, problems);
  if (!marked) problems.push('no /MarkInfo /Marked true (Matterhorn 01-002)');
  if (!result.lang) problems.push('no document /Lang (Matterhorn 11-006)');
  if (!result.displayDocTitle) problems.push('no /DisplayDocTitle (Matterhorn 07-001)');
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp))
    problems.push('no PDF/UA identifier in the XMP (Matterhorn 06-002)');
  if (!xmp.includes(`<rdf:li xml:lang="x-default">${result.title.replace(/&/g, '&amp;')}</rdf:li>`))
    problems.push('XMP dc:title is not the title (Matterhorn 06-003)');
  problems.push(...structureProblems(result.root));
  return result;
}

const HEADING = /^H([1-6])$/;

/** Nesting rules of the standard structure types we use (Matterhorn 09, 14, 15, 16, 13). */
export function structureProblems(root: StructNode): string[] {
  const problems: string[] = [];
  let last = 0;
  const visit = (n: StructNode, parent: StructNode | null) => {
    const h = HEADING.exec(n.role);
    if (h) {
      const level = Number(h[1]);
      if (last === 0 && level !== 1) problems.push(`the first heading is H${level}, not H1 (Matterhorn 14-002)`);
      if (level > last + 1) problems.push(`H${level} follows H${last} (Matterhorn 14-003)`);
      last = level;
    }
    const kidRoles = n.kids.map((k) => k.role);
    if (n.role === 'L') {
      if (kidRoles.some((r) => r !== 'LI' && r !== 'L' && r !== 'Caption'))
        problems.push(`L holds ${kidRoles.join(', ')} (Matterhorn 16-001)`);
      if (!n.numbering) problems.push('L without ListNumbering (Matterhorn 16-003)');
    }
    if (n.role === 'LI') {
      if (parent?.role !== 'L') problems.push(`LI inside ${parent?.role} (Matterhorn 16-001)`);
      if (kidRoles.some((r) => r !== 'Lbl' && r !== 'LBody'))
        problems.push(`LI holds ${kidRoles.join(', ')} (Matterhorn 16-002)`);
    }
    if ((n.role === 'Lbl' || n.role === 'LBody') && parent?.role !== 'LI')
      problems.push(`${n.role} inside ${parent?.role} (Matterhorn 16-002)`);
    if (n.role === 'Table') {
      if (kidRoles.some((r) => !['TR', 'THead', 'TBody', 'TFoot', 'Caption'].includes(r)))
        problems.push(`Table holds ${kidRoles.join(', ')} (Matterhorn 15)`);
      const cells = n.kids.map((tr) => tr.kids.length);
      if (new Set(cells).size > 1)
        problems.push(`a table's rows have ${[...new Set(cells)].join(', ')} cells (Matterhorn 15-004)`);
      if (!n.kids[0]?.kids.every((c) => c.role === 'TH'))
        problems.push('a table without a header row of TH (Matterhorn 15-005)');
    }
    if (n.role === 'TR' && (parent?.role !== 'Table' || n.kids.some((c) => c.role !== 'TH' && c.role !== 'TD')))
      problems.push(`TR misplaced or holding ${kidRoles.join(', ')}`);
    if ((n.role === 'TH' || n.role === 'TD') && parent?.role !== 'TR')
      problems.push(`${n.role} inside ${parent?.role}`);
    if (n.role === 'TH' && n.scope !== 'Column' && n.scope !== 'Row')
      problems.push('TH without Scope (Matterhorn 15-003)');
    if (n.role === 'TOCI' && parent?.role !== 'TOC') problems.push(`TOCI inside ${parent?.role}`);
    if (n.role === 'TOC' && kidRoles.some((r) => !['TOCI', 'TOC', 'Caption', 'H1', 'H2', 'H3'].includes(r)))
      problems.push(`TOC holds ${kidRoles.join(', ')}`);
    if (n.role === 'Figure' && !n.alt) problems.push('a Figure without alternative text (Matterhorn 13-004)');
    if (n.kids.length === 0 && n.content.length === 0 && n.role !== 'TD' && n.role !== 'TH')
      problems.push(`an empty ${n.role}`);
    n.kids.forEach((k) => visit(k, n));
  };
  if (root.role !== 'Document') problems.push(`the root element is ${root.role}, not Document`);
  visit(root, null);
  return problems;
}

/** The text of the tagged content in structure order (what a screen reader reads). */
export function structureText(pdf: TaggedPdf): string {
  if (pdf.root && pdf.mcidText.size === 0)
    throw new Error('read the PDF with { withText: true } for its structure text');
  const out: string[] = [];
  const visit = (n: StructNode) => {
    for (const c of n.content) if ('mcid' in c) out.push(pdf.mcidText.get(`${c.page}:${c.mcid}`) ?? '');
    n.kids.forEach(visit);
  };
  if (pdf.root) visit(pdf.root);
  return out.join('');
}

/** Roles in structure order. */
export function roles(root: StructNode): string[] {
  return [root.role, ...root.kids.flatMap(roles)];
}
