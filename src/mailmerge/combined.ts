// One PDF of every packet in roster order, each starting on a right-hand page, for duplex printing.
//
// The packets of one edition and level share all but their first pages. Those shared pages are
// copied into the combined file once; each further packet gets new page objects that point at
// the same content and fonts, so the file grows by the personal pages only. Form fields are
// left out: this file is for the printer.
import { PDFDocument, PDFName, PDFPage } from '@cantoo/pdf-lib';

export class CombinedPdf {
  private readonly prototypes = new Map<string, PDFPage[]>();
  private constructor(private readonly doc: PDFDocument) {}

  static async create(): Promise<CombinedPdf> {
    return new CombinedPdf(await PDFDocument.create({ updateMetadata: false }));
  }

  private async importPages(bytes: Uint8Array): Promise<PDFPage[]> {
    const src = await PDFDocument.load(bytes, { updateMetadata: false });
    // A print file: no fields or links, and no claim to structure (copyPages drops the structure tree).
    for (const page of src.getPages()) {
      page.node.delete(PDFName.of('Annots'));
      page.node.delete(PDFName.of('StructParents'));
    }
    return this.doc.copyPages(src, src.getPageIndices());
  }

  async add(sharedKey: string, shared: Uint8Array, personal: Uint8Array): Promise<void> {
    const own = await this.importPages(personal);
    own.forEach((page) => this.doc.addPage(page));
    // As in the applicant's own file: the shared part starts on a right-hand page.
    if (own.length % 2 === 1) this.doc.addPage([own[0].getWidth(), own[0].getHeight()]);
    let proto = this.prototypes.get(sharedKey);
    if (!proto) {
      proto = await this.importPages(shared);
      this.prototypes.set(sharedKey, proto);
      proto.forEach((p) => this.doc.addPage(p));
    } else {
      for (const p of proto) {
        const dict = p.node.clone(this.doc.context);
        this.doc.addPage(PDFPage.of(dict as never, this.doc.context.register(dict), this.doc));
      }
    }
    const last = this.doc.getPage(this.doc.getPageCount() - 1);
    if (this.doc.getPageCount() % 2 === 1) this.doc.addPage([last.getWidth(), last.getHeight()]);
  }

  get pageCount(): number {
    return this.doc.getPageCount();
  }

  save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  }
}
