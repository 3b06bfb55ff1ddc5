// The edition's accent colour, bound when a document is assembled rather than when a part is drawn.
//
// A colour does not move text, so it stays out of a part's key: 40 editions with 40 colours share one Level 1
// chapter per page size. A part is drawn with the colour ACCENT, which pdfkit paints in a colour space of its own,
// `/Accent` (an Indexed space over DeviceRGB whose one entry is a placeholder). The assembly points every copied
// page's `/Accent` at the document's own Indexed space holding the edition's colour: one small object per document,
// the parts' content streams copied as they are. An Indexed space, not a Separation: a Separation is a spot ink, a
// plate of its own at the print shop; an Indexed entry is plain sRGB, the colour the whole-document writer paints.
import { createRequire } from 'node:module';
import { PDFDict, PDFHexString, PDFName, type PDFContext, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import { wrap, type Any } from '../pdfmake-internals.js';
import '../pdfmake.js'; // pdfkit is loaded after pdfmake.ts has given it the shared fontkit

const require = createRequire(import.meta.url);

/** The colour a part is drawn with where the document's accent goes (pdfkit reads it as a colour of its own). */
export const ACCENT = 'edition-accent';
/** The colour space resource the accent is painted in, on every page of a part. */
export const ACCENT_SPACE = 'Accent';
/** What a part's own accent space holds: never seen in a document, whose assembly replaces it. */
const PLACEHOLDER = [0x80, 0x80, 0x80];

/** Marks pdfkit as taught (once per process, on pdfkit itself: this module keeps nothing). */
const INSTALLED = Symbol.for('competency-guidelines.accent-colour');

/** Teaches pdfkit the colour ACCENT: painted as index 1 of the `/Accent` space (pdfkit sets a spot colour with `1 scn`). */
export function installAccentColour(): void {
  const PDFKitDocument = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] }));
  if (PDFKitDocument.prototype[INSTALLED]) return;
  PDFKitDocument.prototype[INSTALLED] = true;
  // pdfkit's SpotColor class, for its `instanceof` checks; made on a stand-in, so no object is written anywhere.
  const standIn: Any = { spotColors: {}, ref: () => ({ end() {} }) };
  PDFKitDocument.prototype.addSpotColor.call(standIn, 'x', 0, 0, 0, 0);
  const SpotColor = standIn.spotColors.x.constructor;
  wrap(PDFKitDocument.prototype, '_normalizeColor', (original, self, args) => {
    if (args[0] === ACCENT && !self.spotColors[ACCENT]) {
      // Made when first painted: a document without the accent gets no object for it.
      const ref = self.ref(['Indexed', 'DeviceRGB', 1, Buffer.from([...PLACEHOLDER, ...PLACEHOLDER])]);
      ref.end();
      self.spotColors[ACCENT] = Object.assign(Object.create(SpotColor.prototype), {
        id: ACCENT_SPACE,
        name: ACCENT_SPACE,
        values: [],
        ref,
      });
    }
    return original.apply(self, args);
  });
}

/** The document's accent space: index 1 (the one parts paint with) and 0 both hold `hex` (#rrggbb). */
export function accentSpace(context: PDFContext, hex: string): PDFRef {
  const rgb = hex.replace(/^#/, '').replace(/^(.)(.)(.)$/, '$1$1$2$2$3$3');
  if (!/^[0-9a-f]{6}$/i.test(rgb)) throw new Error(`the accent colour ${hex} is not #rrggbb`);
  return context.register(context.obj([PDFName.of('Indexed'), PDFName.of('DeviceRGB'), 1, PDFHexString.of(rgb + rgb)]));
}

/** The part's own accent space (the same object on each page that paints it), if it paints the accent at all. */
export function partAccentSpace(part: PDFDocument): PDFRef | undefined {
  for (const page of part.getPages()) {
    const spaces = page.node.Resources()?.lookupMaybe(PDFName.of('ColorSpace'), PDFDict);
    const ref = spaces?.get(PDFName.of(ACCENT_SPACE));
    if (ref) return ref as PDFRef;
  }
  return undefined;
}
