// Adds fillable AcroForm fields where the layout drew the boxes (pdfmake has no form fields).
import { PDFDocument, PDFName, PDFBool } from '@cantoo/pdf-lib';
import type { FieldSpot } from './forms.js';

export async function addFormFields(bytes: Uint8Array, spots: FieldSpot[]): Promise<Uint8Array> {
  const placed = spots.filter((s) => s.marker.positions?.length);
  if (placed.length === 0) return bytes;
  // updateMetadata: false keeps the fixed dates and producer (pdf-lib would stamp the clock).
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const form = doc.getForm();
  const pages = doc.getPages();
  for (const s of placed) {
    const pos = s.marker.positions[0];
    const page = pages[pos.pageNumber - 1];
    const rect = { x: pos.left + s.dx, y: page.getHeight() - (pos.top + s.dy) - s.height, width: s.width, height: s.height, borderWidth: 0, backgroundColor: undefined, borderColor: undefined };
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
  // The fields are empty: their appearances need not be drawn again on save.
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
