// The Contents' page numbers: lays the finished document out with Word's font metrics and writes the page each heading
// lands on into the TOC field's stored result (the PAGEREF fields), so the Contents is right when the file is opened.
import { strFromU8, strToU8 } from 'fflate';
import type { Parts } from '../zip.js';
import { bookmarkPages } from './layout.js';
import { parseXml } from '../../../xml/wordml.js';

/**
 * Rewrites every `PAGEREF <bookmark>` field result in word/document.xml with the page the bookmark lands on. The TOC
 * and PAGEREF fields are no longer marked dirty: their stored results are complete, so Word need not ask to update
 * fields when the file is opened.
 */
export function fillTocPages(parts: Parts): void {
  const read = (name: string) => (parts[name] ? parseXml(strFromU8(parts[name])) : undefined);
  const document = read('word/document.xml');
  const styles = read('word/styles.xml');
  if (!document || !styles) throw new Error('docx pagination: the package has no word/document.xml or word/styles.xml');
  const pages = bookmarkPages(document, styles, read('word/numbering.xml'));
  const out = strFromU8(parts['word/document.xml'])
    // docx writes `PAGEREF _TocN \h` with an empty result; the result becomes the page.
    .replace(
      /<w:fldChar w:fldCharType="begin"(?: w:dirty="true")?\/>(<w:instrText[^>]*>\s*PAGEREF\s+(\S+)[^<]*<\/w:instrText><w:fldChar w:fldCharType="separate"\/>)(?:<w:t(?: [^>]*)?>[^<]*<\/w:t>)?/g,
      (all, instr: string, name: string) => {
        const page = pages.get(name);
        return page === undefined ? all : `<w:fldChar w:fldCharType="begin"/>${instr}<w:t xml:space="preserve">${page}</w:t>`;
      },
    )
    .replace(/<w:fldChar w:fldCharType="begin" w:dirty="true"\/>(<w:instrText[^>]*>\s*TOC\s)/g, '<w:fldChar w:fldCharType="begin"/>$1');
  parts['word/document.xml'] = strToU8(out);
}
