// Finishing a laid-out PDF with pdf-lib: the binding gutter, fillable form fields, and bookmarks
// that land on their headings.
//
// pdfmake keeps one set of margins for the whole document, so a two-sided booklet's inside
// (binding) margin is made afterwards: the content of right-hand pages moves right and that
// of left-hand pages moves left, links and fields with it. pdfmake has no form fields, so
// they are added where the layout drew their boxes.
import {
  PDFAcroCheckBox,
  PDFAcroText,
  PDFArray,
  PDFCheckBox,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFBool,
  PDFNumber,
  PDFString,
  ParseSpeeds,
  PDFTextField,
  degrees,
  rgb,
  type PDFForm,
  type PDFPage,
  type PDFRef,
} from '@cantoo/pdf-lib';
import '../../pdf/fast-objects.js'; // pdf-lib's names, numbers and references made cheaper (once per thread)
import type { FieldSpot } from './forms.js';
import { embedFieldFont, FIELD_FONT } from './tagging/field-font.js';
import type { TagSession } from './tagging/session.js';
import { writeStructure, type DocumentFacts, type Widget } from './tagging/write.js';

export interface Finish {
  spots: FieldSpot[];
  /** Points to move the content of each page (1-based) sideways; missing pages stay. */
  shift: Map<number, number>;
  /** The id of each bookmark's heading, in the order of the outline: its named destination. */
  bookmarks: string[];
  /** The structure collected while the PDF was drawn, and the facts its metadata states. */
  tagging: { session: TagSession; facts: DocumentFacts };
}

/**
 * pdfkit points every outline item at the top right corner of its page (/XYZ 612 792); the
 * heading's named destination (which the contents' links use) is where the heading is.
 */
function bookmarksToHeadings(doc: PDFDocument, ids: string[]): void {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const items: PDFDict[] = [];
  const walk = (parent: PDFDict) => {
    for (
      let item = parent.lookupMaybe(PDFName.of('First'), PDFDict);
      item;
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    ) {
      items.push(item);
      walk(item);
    }
  };
  if (outlines) walk(outlines);
  if (items.length !== ids.length)
    throw new Error(`the PDF has ${items.length} bookmarks, the document tree ${ids.length}`);
  items.forEach((item, i) => item.set(PDFName.of('Dest'), PDFString.of(ids[i])));
}

/** Moves a page's links and fields sideways with its content (the binding gutter). */
export function moveAnnotations(page: PDFPage, dx: number): void {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  for (let i = 0; annots && i < annots.size(); i++) {
    const rect = annots.lookup(i, PDFDict).lookupMaybe(PDFName.of('Rect'), PDFArray);
    if (!rect) continue;
    for (const k of [0, 2]) rect.set(k, PDFNumber.of(rect.lookup(k, PDFNumber).asNumber() + dx));
  }
}

/**
 * A top-level field, as pdf-lib's createTextField/createCheckBox make it, without their check for a field of the
 * same name: that check decodes every field's name for each new field (a packet's hundreds of fields took a second).
 * FieldSpots already makes the names unique, and plain (no periods), so every field is at the top.
 */
function topLevelField(
  doc: PDFDocument,
  form: PDFForm,
  name: string,
  kind: 'checkbox' | 'text',
): PDFCheckBox | PDFTextField {
  const acro = kind === 'checkbox' ? PDFAcroCheckBox.create(doc.context) : PDFAcroText.create(doc.context);
  acro.setPartialName(name);
  form.acroForm.addField(acro.ref);
  return acro instanceof PDFAcroCheckBox ? PDFCheckBox.of(acro, acro.ref, doc) : PDFTextField.of(acro, acro.ref, doc);
}

/**
 * pdf-lib's PDFTextField.addToPage (@cantoo/pdf-lib 2.x) without the appearance stream it draws for the widget, and
 * the Helvetica it embeds to draw it: the widget's /AP is removed (viewers draw typed text themselves:
 * NeedAppearances), and a stream drawn and left behind cost a forced build about 75 ms.
 */
function addTextWidget(
  field: PDFTextField,
  page: PDFPage,
  rect: { x: number; y: number; width: number; height: number },
): void {
  const widget = (field as unknown as { createWidget(o: object): { dict: PDFDict } }).createWidget({
    ...rect,
    textColor: rgb(0, 0, 0),
    backgroundColor: undefined,
    borderColor: undefined,
    borderWidth: 0,
    rotate: degrees(0),
    hidden: undefined,
    page: page.ref,
  });
  const ref = field.doc.context.register(widget.dict);
  field.acroField.addWidget(ref);
  page.node.addAnnot(ref);
}

export async function finishPdf(bytes: Uint8Array, finish: Finish): Promise<Uint8Array> {
  const doc = await finishedDocument(bytes, finish);
  // The fields are empty: their appearances need not be drawn again on save. objectsPerTick: pdf-lib otherwise waits
  // for a timer (at least 1 ms, the thread idle) every 50 objects, and a tagged booklet has tens of thousands.
  return doc.save(SAVE_OPTIONS);
}

export const SAVE_OPTIONS = { useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity };

/** The finished document, not yet saved (what the assembly of parts copies the contents from). */
export async function finishedDocument(bytes: Uint8Array, finish: Finish): Promise<PDFDocument> {
  const placed = finish.spots.filter((s) => s.marker.positions?.length);
  // updateMetadata: false keeps the fixed dates and producer (pdf-lib would stamp the clock). parseSpeed: pdf-lib
  // otherwise waits for a timer (at least 1 ms, the thread idle) every 100 objects it parses.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const pages = doc.getPages();
  bookmarksToHeadings(doc, finish.bookmarks);
  for (const [pageNumber, dx] of finish.shift) {
    if (!dx || !pages[pageNumber - 1]) continue;
    pages[pageNumber - 1].translateContent(dx, 0);
    moveAnnotations(pages[pageNumber - 1], dx);
  }
  const widgets: Widget[] = [];
  const { session } = finish.tagging;
  if (placed.length) {
    const form = doc.getForm();
    const fontRef = embedFieldFont(doc);
    for (const s of placed) {
      const pos = s.marker.positions[0];
      const page = pages[pos.pageNumber - 1];
      const dx = finish.shift.get(pos.pageNumber) ?? 0;
      const rect = {
        x: pos.left + s.dx + dx,
        y: page.getHeight() - (pos.top + s.dy) - s.height,
        width: s.width,
        height: s.height,
        borderWidth: 0,
        backgroundColor: undefined,
        borderColor: undefined,
      };
      const field = topLevelField(doc, form, s.name, s.kind === 'checkbox' ? 'checkbox' : 'text');
      if (field instanceof PDFCheckBox) field.addToPage(page, rect);
      else {
        if (s.kind === 'multiline') field.enableMultiline();
        addTextWidget(field, page, { ...rect, x: rect.x + 1, width: rect.width - 2 });
      }
      const acro = field.acroField;
      if (s.readOnlyValue !== undefined && field instanceof PDFTextField) {
        field.setText(s.readOnlyValue);
        field.enableReadOnly();
      }
      // The field's accessible name, from its label in the document tree.
      acro.dict.set(PDFName.of('TU'), PDFHexString.fromText(s.label));
      // The field's widgets with their refs, from its /Kids (addToPage registers each widget and puts its ref there):
      // pdf-lib's getObjectRef would look each up among all the document's objects.
      const kids = acro.Kids()!;
      for (let k = 0; k < kids.size(); k++) {
        const ref = kids.get(k) as PDFRef;
        const widget = kids.lookup(k, PDFDict);
        if (s.kind !== 'checkbox') {
          // Typed text is drawn by the viewer (NeedAppearances) in the embedded field font; 0 = auto-size in one-line fields.
          widget.delete(PDFName.of('AP'));
          // The packet id is drawn by us at a fixed size: auto-size fills the box's height (about 20 pt in poppler).
          const size = s.kind === 'multiline' ? 10 : s.readOnlyValue !== undefined ? 9 : 0;
          acro.dict.set(PDFName.of('DA'), PDFString.of(`/${FIELD_FONT} ${size} Tf 0 g`));
        } else {
          // pdf-lib names a font that is not in /DR (/dummy__noop); every /DA names the form's one font.
          widget.set(PDFName.of('DA'), PDFString.of(`/${FIELD_FONT} 0 Tf 0 g`));
          acro.dict.set(PDFName.of('DA'), PDFString.of(`/${FIELD_FONT} 0 Tf 0 g`));
        }
        const element = session.find(s.tag);
        if (element) widgets.push({ element, ref, page: pos.pageNumber - 1 });
      }
    }
    // Only the embedded font in the form's resources (pdf-lib adds Helvetica, which is not embedded).
    form.acroForm.dict.set(PDFName.of('DR'), doc.context.obj({ Font: doc.context.obj({ [FIELD_FONT]: fontRef }) }));
    form.acroForm.dict.set(PDFName.of('DA'), PDFString.of(`/${FIELD_FONT} 0 Tf 0 g`));
    // Viewers draw the typed text themselves.
    form.acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
  }
  writeStructure(doc, session, widgets, finish.tagging.facts);
  return doc;
}
