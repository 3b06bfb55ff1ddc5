// Writes the structure a TagSession collected into the laid-out PDF (pdf-lib): the structure tree
// with its parent tree, links and form widgets tied to their elements, and the document-level
// entries PDF/UA-1 asks for (Lang, MarkInfo, DisplayDocTitle, XMP with the PDF/UA identifier).
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from '@cantoo/pdf-lib';
import type { Element, TagSession } from './session.js';
import { escapeXml as xml } from '../../../text/escape.js';

export interface Widget {
  /** The form field's element (a Form element in the tree). */
  element: Element;
  ref: PDFRef;
  page: number;
}

/** Who made the PDF, as its metadata says (a whole document's and an assembled one's alike). */
export const CREATOR = 'Competency Guidelines publisher';
export const PRODUCER = 'Competency Guidelines publisher (pdfmake)';

export interface DocumentFacts {
  title: string;
  language: string;
  author: string;
  subject: string;
  keywords: string;
  /** yyyy-mm-dd: the document's fixed date. */
  date: string;
  creator: string;
  producer: string;
}

/** A document's facts (its Info and XMP) from the tree's metadata: the one place they are put together. */
export function factsOf(meta: Omit<DocumentFacts, 'creator' | 'producer'>): DocumentFacts {
  const { title, language, author, subject, keywords, date } = meta;
  return { title, language, author, subject, keywords, date, creator: CREATOR, producer: PRODUCER };
}

/** Whether an element holds anything a reader gets: content, an annotation, a widget, below it. */
function live(el: Element, widgets: Map<Element, Widget[]>): boolean {
  // A table keeps its empty cells: its rows must have as many cells as its header.
  if (el.role === 'TD' || el.role === 'TH') return true;
  return el.content.length > 0 || widgets.has(el) || el.kids.some((k) => live(k, widgets));
}

function attributes(el: Element, doc: PDFDocument): PDFDict | undefined {
  const { tag } = el;
  if (tag.scope) return doc.context.obj({ O: 'Table', Scope: tag.scope });
  if (tag.numbering) return doc.context.obj({ O: 'List', ListNumbering: tag.numbering });
  return undefined;
}

/** XMP metadata agreeing with the document information, with the PDF/UA-1 identifier. */
export function xmp(f: DocumentFacts): string {
  const date = `${f.date}T00:00:00Z`;
  return `<?xpacket begin="\u{feff}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(f.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xml(f.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(f.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${xml(f.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>${xml(f.keywords)}</pdf:Keywords>
   <pdf:Producer>${xml(f.producer)}</pdf:Producer>
   <xmp:CreatorTool>${xml(f.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

export function writeStructure(doc: PDFDocument, s: TagSession, widgetList: Widget[], facts: DocumentFacts): void {
  const ctx = doc.context;
  const pages = doc.getPages();
  const widgets = new Map<Element, Widget[]>();
  for (const w of widgetList) widgets.set(w.element, [...(widgets.get(w.element) ?? []), w]);

  const nums: PDFObject[] = [];
  const refs = new Map<Element, PDFRef>();
  const alloc = (el: Element) => {
    refs.set(el, ctx.nextRef());
    el.kids.filter((k) => live(k, widgets)).forEach(alloc);
  };
  alloc(s.root);

  // The parent tree: for each page its MCIDs' elements, then one entry per annotation.
  s.pageMcids.forEach((owners, i) => {
    if (!owners?.length || !pages[i]) return;
    pages[i].node.set(PDFName.of('StructParents'), PDFNumber.of(i));
    nums.push(PDFNumber.of(i), ctx.obj(owners.map((el) => refs.get(el)!)));
  });
  let nextKey = pages.length;
  const tieAnnotation = (annot: PDFRef, owner: PDFRef, page: number): PDFDict => {
    const dict = ctx.lookup(annot, PDFDict);
    dict.set(PDFName.of('StructParent'), PDFNumber.of(nextKey));
    nums.push(PDFNumber.of(nextKey++), owner);
    pages[page].node.set(PDFName.of('Tabs'), PDFName.of('S'));
    return ctx.obj({ Type: 'OBJR', Obj: annot, Pg: pages[page].ref });
  };

  const write = (el: Element, parent: PDFRef) => {
    const ref = refs.get(el)!;
    const kids: PDFObject[] = [];
    const firstPage = el.content[0]?.page;
    for (const c of el.content) {
      if ('mcid' in c) {
        kids.push(
          c.page === firstPage ? PDFNumber.of(c.mcid) : ctx.obj({ Type: 'MCR', Pg: pages[c.page].ref, MCID: c.mcid }),
        );
      } else {
        const annots = pages[c.page].node.lookup(PDFName.of('Annots'), PDFArray);
        const annot = annots.get(c.annot) as PDFRef;
        kids.push(tieAnnotation(annot, ref, c.page));
        // A link says where it goes (PDF/UA: annotations have Contents).
        ctx.lookup(annot, PDFDict).set(PDFName.of('Contents'), PDFHexString.fromText(el.text.trim() || 'Link'));
      }
    }
    for (const w of widgets.get(el) ?? []) kids.push(tieAnnotation(w.ref, ref, w.page));
    for (const k of el.kids) if (refs.has(k)) (kids.push(refs.get(k)!), write(k, ref));
    const dict = ctx.obj({ Type: 'StructElem', S: el.role, P: parent, K: kids });
    if (firstPage !== undefined) dict.set(PDFName.of('Pg'), pages[firstPage].ref);
    const attrs = attributes(el, doc);
    if (attrs) dict.set(PDFName.of('A'), attrs);
    if (el.tag.alt) dict.set(PDFName.of('Alt'), PDFHexString.fromText(el.tag.alt));
    ctx.assign(ref, dict);
  };
  const rootRef = ctx.nextRef();
  write(s.root, rootRef);
  ctx.assign(
    rootRef,
    ctx.obj({
      Type: 'StructTreeRoot',
      K: refs.get(s.root)!,
      ParentTree: ctx.obj({ Nums: nums }),
      ParentTreeNextKey: nextKey,
    }),
  );

  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  writeTaggedFacts(doc, facts);
}

/** The catalog entries PDF/UA-1 asks for besides the structure tree: Lang, MarkInfo, DisplayDocTitle, XMP metadata. */
export function writeTaggedFacts(doc: PDFDocument, facts: DocumentFacts): void {
  const ctx = doc.context;
  const catalog = doc.catalog;
  catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  catalog.set(PDFName.of('Lang'), PDFString.of(facts.language));
  catalog.set(PDFName.of('ViewerPreferences'), ctx.obj({ DisplayDocTitle: true }));
  const metadata = ctx.stream(new TextEncoder().encode(xmp(facts)), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), ctx.register(metadata));
}
