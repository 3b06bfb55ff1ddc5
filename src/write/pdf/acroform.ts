// Finishing a laid-out PDF with pdf-lib: the binding gutter, then fillable form fields.
//
// pdfmake keeps one set of margins for the whole document, so a two-sided booklet's inside
// (binding) margin is made afterwards: the content of right-hand pages moves right and that
// of left-hand pages moves left, links and fields with it. pdfmake has no form fields, so
// they are added where the layout drew their boxes.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFBool, PDFNumber } from '@cantoo/pdf-lib';
import type { FieldSpot } from './forms.js';

export interface Finish {
  spots: FieldSpot[];
  /** Points to move the content of each page (1-based) sideways; missing pages stay. */
  shift: Map<number, number>;
}

function moveAnnotations(doc: PDFDocument, pageIndex: number, dx: number): void {
  const page = doc.getPage(pageIndex);
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  for (let i = 0; annots && i < annots.size(); i++) {
    const annot = annots.lookup(i, PDFDict);
    const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray);
    if (!rect) continue;
    for (const k of [0, 2]) rect.set(k, PDFNumber.of(rect.lookup(k, PDFNumber).asNumber() + dx));
  }
}

export async function finishPdf(bytes: Uint8Array, finish: Finish): Promise<Uint8Array> {
  const placed = finish.spots.filter((s) => s.marker.positions?.length);
  if (placed.length === 0 && finish.shift.size === 0) return bytes;
  // updateMetadata: false keeps the fixed dates and producer (pdf-lib would stamp the clock).
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages();
  for (const [pageNumber, dx] of finish.shift) {
    if (!dx || !pages[pageNumber - 1]) continue;
    pages[pageNumber - 1].translateContent(dx, 0);
    moveAnnotations(doc, pageNumber - 1, dx);
  }
  if (placed.length) {
    const form = doc.getForm();
    for (const s of placed) {
      const pos = s.marker.positions[0];
      const page = pages[pos.pageNumber - 1];
      const dx = finish.shift.get(pos.pageNumber) ?? 0;
      const rect = { x: pos.left + s.dx + dx, y: page.getHeight() - (pos.top + s.dy) - s.height, width: s.width, height: s.height, borderWidth: 0, backgroundColor: undefined, borderColor: undefined };
      if (s.kind === 'checkbox') {
        form.createCheckBox(s.name).addToPage(page, rect);
      } else {
        const field = form.createTextField(s.name);
        if (s.kind === 'multiline') field.enableMultiline();
        field.addToPage(page, { ...rect, x: rect.x + 1, width: rect.width - 2 });
        // After addToPage, which sets the default appearance: 0 = auto-size in one-line fields.
        field.setFontSize(s.kind === 'multiline' ? 10 : 0);
      }
    }
    // Viewers draw the typed text themselves.
    form.acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
  }
  // The fields are empty: their appearances need not be drawn again on save.
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
