// Fitting each Impact Map to its landscape page: the largest font size at which it fits, found by
// laying the map out alone (binary search); kept by content in the run's context, so a map shared by a booklet and a
// packet is fitted once per run.
import type { Document, ImpactMap } from '../../compose/tree.js';
import { candidateFontSizes, impactMapNodes, SPREAD_FONT_SIZE, type MapGeometry } from './impact-map.js';
import type { Node } from './inline.js';
import { asTrial } from './pdfmake-run.js';
import { getPdfmake } from './pdfmake.js';
import { LANDSCAPE_MARGINS, PAGE_MARGINS, PAGE_SIZES, styles } from './theme.js';

export function landscapeGeometry(doc: Document): MapGeometry {
  const size = PAGE_SIZES[doc.page.size];
  return {
    usableWidth: size.height - LANDSCAPE_MARGINS[0] - LANDSCAPE_MARGINS[2],
    usableHeight: size.width - LANDSCAPE_MARGINS[1] - LANDSCAPE_MARGINS[3],
  };
}

/** Whether the map fits one landscape page at a font size. */
async function mapFits(
  doc: Document,
  map: ImpactMap,
  notes: (blocks: ImpactMap['notes']) => Node[],
  size: number,
): Promise<boolean> {
  const nodes = impactMapNodes(map, doc.accent, '', landscapeGeometry(doc), notes, size).map((n) => ({
    ...n,
    pageBreak: undefined,
    tocItem: undefined,
    outline: undefined,
  }));
  let pages = 0;
  const def = {
    pageSize: doc.page.size,
    pageOrientation: 'landscape',
    pageMargins: LANDSCAPE_MARGINS,
    defaultStyle: { font: 'Serif', fontSize: 10, lineHeight: 1.2 },
    styles: styles(doc.accent),
    footer: (_p: number, count: number) => ((pages = count), null),
    // A margin of safety: the document's page must not be fuller than the trial's.
    content: [...nodes, { text: ' ', margin: [0, 24, 0, 0] }],
  };
  await getPdfmake().createPdf(asTrial(def)).getBuffer();
  return pages <= 1;
}

/**
 * The font size of each Impact Map of a document, by map id; a map that does not fit even at the
 * smallest size continues on a second landscape page (SPREAD_FONT_SIZE).
 */
export interface FitMemory {
  get(key: string): number | undefined;
  set(key: string, size: number): void;
}

/**
 * `fittedMaps`: the sizes fitted in this run (the context's), by the map's content; `memory`: sizes fitted by processes
 * before (the run's store keeps them).
 */
export async function fitImpactMaps(
  doc: Document,
  notes: (blocks: ImpactMap['notes']) => Node[],
  fittedMaps: Map<string, number>,
  memory?: FitMemory,
): Promise<Map<string, number>> {
  const fonts = new Map<string, number>();
  for (const part of doc.parts) {
    if (part.kind !== 'chapter') continue;
    for (const b of part.blocks) {
      if (b.kind !== 'impactMap') continue;
      const key = JSON.stringify([doc.page.size, PAGE_MARGINS, b]);
      const remembered = fittedMaps.has(key) ? undefined : memory?.get(key);
      if (remembered !== undefined) fittedMaps.set(key, remembered);
      if (!fittedMaps.has(key)) {
        const sizes = candidateFontSizes(); // largest first
        let fitted = SPREAD_FONT_SIZE;
        if (await mapFits(doc, b, notes, sizes[sizes.length - 1])) {
          let lo = 0;
          let hi = sizes.length - 1; // fits
          while (lo < hi) {
            const mid = Math.floor((lo + hi) / 2);
            if (await mapFits(doc, b, notes, sizes[mid])) hi = mid;
            else lo = mid + 1;
          }
          fitted = sizes[lo];
        }
        fittedMaps.set(key, fitted);
        memory?.set(key, fitted);
      }
      fonts.set(b.id, fittedMaps.get(key)!);
    }
  }
  return fonts;
}
