// The streams pdf-lib made in a document (a form's field appearances, drawing added to a page), compressed by Node's
// zlib: pdf-lib's own compressor (fflate) costs about a millisecond to start for each stream, whatever its size.
import { deflateSync } from 'node:zlib';
import { PDFFlateStream, PDFName, PDFRawStream, type PDFDocument } from '@cantoo/pdf-lib';

export function compressMadeStreams(pdf: PDFDocument): void {
  for (const [ref, obj] of pdf.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFFlateStream) || !(obj as unknown as { encode: boolean }).encode) continue;
    const dict = obj.dict.clone(pdf.context);
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    pdf.context.assign(ref, PDFRawStream.of(dict, deflateSync(obj.getUnencodedContents())));
  }
}
