// Puts one applicant's pages in front of the packet every applicant shares, without re-rendering it.
//
// The shared packet is parsed once. For each applicant its pages are copied in and saved as an
// incremental update (pdf-lib's saveIncremental): the result is the shared file's bytes as
// they are, followed by a small appended section, so the large part is never serialized again.
// Then the pages are taken out again, ready for the next applicant.
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from '@cantoo/pdf-lib';
import '../pdf/fast-objects.js'; // pdf-lib's names, numbers and references made cheaper (once per thread)
import { copyTaggedPages } from '../pdf/copy-tagged.js';
import { printPagesOf, type PrintPages } from './print-pages.js';

/** A joined packet, and the applicant's pages compiled for the print file (from the same parse). */
export interface Joined {
  packet: Uint8Array;
  print: PrintPages;
}

export class PacketJoiner {
  private constructor(
    private readonly shared: Uint8Array,
    private readonly doc: PDFDocument,
  ) {}

  get sharedPageCount(): number {
    return this.doc.getPageCount();
  }

  static async create(shared: Uint8Array): Promise<PacketJoiner> {
    return new PacketJoiner(
      shared,
      await PDFDocument.load(shared, {
        updateMetadata: false,
        forIncrementalUpdate: true,
        parseSpeed: ParseSpeeds.Fastest,
      }),
    );
  }

  private queue: Promise<unknown> = Promise.resolve();

  /**
   * `padToEven`: add a blank page when the applicant's pages are odd, so the shared part starts on a right-hand page.
   * Joins run one at a time: each changes the shared document and undoes it, with awaits between (two at once, as
   * when the merge runs in one thread, mixed one applicant's pages into another's packet).
   */
  async join(personal: Uint8Array, padToEven: boolean): Promise<Uint8Array> {
    return (await this.joinForPrint(personal, padToEven)).packet;
  }

  /** The joined packet, and the applicant's pages for the print file. */
  joinForPrint(personal: Uint8Array, padToEven: boolean): Promise<Joined> {
    const run = this.queue.then(() => this.joinNow(personal, padToEven));
    this.queue = run.catch(() => {});
    return run;
  }

  private async joinNow(personal: Uint8Array, padToEven: boolean): Promise<Joined> {
    // Without pdf-lib's pause (a timer, at least 1 ms, the thread idle) every 100 objects.
    const front = await PDFDocument.load(personal, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    // Object numbers start where the shared file ends for every applicant (see below).
    const firstNew = this.doc.context.largestObjectNumber;
    const snapshot = this.doc.takeSnapshot();
    // pdf-lib tracks every change by scanning all objects for the one that holds it (quadratic
    // while copying pages). New objects are saved anyway; the few changed ones are marked below.
    const context = this.doc.context as unknown as { snapshot?: unknown };
    context.snapshot = undefined;
    // The applicant's pages with their structure: the packet keeps one structure tree.
    const { pages, changed, undo } = copyTaggedPages(this.doc, front);
    pages.forEach((p, i) => this.doc.insertPage(i, p));
    const insertedPages = [...pages];
    if (padToEven && pages.length % 2 === 1)
      insertedPages.push(this.doc.insertPage(pages.length, [pages[0].getWidth(), pages[0].getHeight()]));
    const inserted = insertedPages.length;
    // The copied pages bring their form widgets; list their fields in the shared form.
    const fields = this.doc.getForm().acroForm.normalizedEntries().Fields;
    const added: PDFRef[] = [];
    for (const page of pages) {
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      for (let i = 0; annots && i < annots.size(); i++) {
        const ref = annots.get(i);
        const widget = this.doc.context.lookup(ref, PDFDict);
        const parent = widget.get(PDFName.of('Parent'));
        const field = parent instanceof PDFRef ? parent : ref;
        if (field instanceof PDFRef && !added.some((r) => r === field)) {
          fields.push(field);
          added.push(field);
        }
      }
    }
    // The page tree and the form were changed in place: the update must carry them.
    const acroForm = this.doc.getForm().acroForm;
    // The catalog too: pdf-lib counts it changed from the second join on, and an update that
    // carries it always makes a packet's bytes the same whichever joins came before.
    for (const obj of [this.doc.catalog, this.doc.catalog.Pages(), acroForm.dict, fields, ...changed])
      snapshot.markObjForSave(obj);
    const update = await this.doc.saveIncremental(snapshot, {
      updateFieldAppearances: false,
      objectsPerTick: Infinity,
    } as never);
    for (let i = 0; i < inserted; i++) this.doc.removePage(0);
    // pdf-lib's removePage leaves the page in the document's page map: every applicant's pages, and all they point to,
    // stayed in memory (about 45 MB more a thousand applicants).
    const pageMap = (this.doc as unknown as { pageMap: Map<unknown, unknown> }).pageMap;
    for (const page of insertedPages) pageMap.delete(page.node);
    for (let i = 0; i < added.length; i++) fields.remove(fields.size() - 1);
    undo();
    // Forget this applicant's objects: the next packet's bytes then do not depend on how many
    // this joiner made before (which worker, which rows), and memory does not grow with them.
    for (let n = firstNew + 1; n <= this.doc.context.largestObjectNumber; n++) this.doc.context.delete(PDFRef.of(n));
    this.doc.context.largestObjectNumber = firstNew;
    const out = new Uint8Array(this.shared.length + update.length);
    out.set(this.shared, 0);
    out.set(update, this.shared.length);
    // The applicant's pages as parsed (the copy above changed none of them), for the print file.
    return { packet: out, print: printPagesOf(front) };
  }
}
