// One print file: packets in roster order, each starting on a right-hand page, for duplex printing.
//
// The packets of one edition and level share all but their first pages. Those shared pages are
// copied into the combined file once; each further packet gets new page objects that point at
// the same content and fonts, so the file grows by the personal pages only. Form fields are
// left out: this file is for the printer.
//
// Pages are appended to one flat page tree directly: pdf-lib's addPage walks the tree's kids to
// find the insertion point, which made 1,000 packets (27,000 pages) quadratic on the main thread.
import {
  ParseSpeeds,
  PDFArray,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFPageLeaf,
  type PDFDict,
  type PDFRef,
} from '@cantoo/pdf-lib';

interface Page {
  node: PDFDict;
  ref: PDFRef;
  width: number;
  height: number;
}

export class CombinedPdf {
  private readonly prototypes = new Map<string, Page[]>();
  private readonly kids: PDFArray;
  private readonly pagesRef: PDFRef;
  private count = 0;
  private last: Page | null = null;

  private constructor(private readonly doc: PDFDocument) {
    this.pagesRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
    this.kids = doc.catalog.Pages().Kids();
  }

  static async create(): Promise<CombinedPdf> {
    return new CombinedPdf(await PDFDocument.create({ updateMetadata: false }));
  }

  private async importPages(bytes: Uint8Array): Promise<Page[]> {
    // Parsed without pdf-lib's pause (a timer, at least 1 ms) every 100 objects.
    const src = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    // A print file: no fields or links, and no claim to structure (copyPages drops the structure tree).
    for (const page of src.getPages()) {
      page.node.delete(PDFName.of('Annots'));
      page.node.delete(PDFName.of('StructParents'));
    }
    const copied = await this.doc.copyPages(src, src.getPageIndices());
    return copied.map((p) => ({ node: p.node, ref: p.ref, width: p.getWidth(), height: p.getHeight() }));
  }

  /** Appends `page` (or a new page object `node` made like it) at the end of the page tree. */
  private append(page: Page, node?: PDFDict): void {
    const ref = node ? this.doc.context.register(node) : page.ref;
    node ??= page.node;
    node.set(PDFName.of('Parent'), this.pagesRef);
    this.kids.push(ref);
    this.count++;
    this.last = page;
  }

  private blank(like: Page): void {
    const leaf = PDFPageLeaf.withContextAndParent(this.doc.context, this.pagesRef);
    leaf.set(PDFName.of('MediaBox'), this.doc.context.obj([0, 0, like.width, like.height]));
    this.append(like, leaf);
  }

  async add(sharedKey: string, shared: Uint8Array, personal: Uint8Array): Promise<void> {
    const own = await this.importPages(personal);
    own.forEach((page) => this.append(page));
    // As in the applicant's own file: the shared part starts on a right-hand page.
    if (own.length % 2 === 1) this.blank(own[0]);
    let proto = this.prototypes.get(sharedKey);
    if (!proto) {
      proto = await this.importPages(shared);
      this.prototypes.set(sharedKey, proto);
      proto.forEach((p) => this.append(p));
    } else {
      for (const p of proto) this.append(p, p.node.clone(this.doc.context));
    }
    if (this.count % 2 === 1 && this.last) this.blank(this.last);
  }

  get pageCount(): number {
    return this.count;
  }

  save(): Promise<Uint8Array> {
    this.doc.catalog.Pages().set(PDFName.of('Count'), PDFNumber.of(this.count));
    return this.doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  }
}
