// The Contents' page numbers: lays the finished document out with Word's font metrics and writes the page each heading
// lands on into the TOC field's stored result (the PAGEREF fields), so the Contents is right before fields are updated.
import { strFromU8, strToU8 } from 'fflate';
import type { Parts } from '../zip.js';
import { bookmarkPages } from './layout.js';
import { parseXml } from './xml.js';

export { bookmarkPages } from './layout.js';

/** Pages of the document's bookmarks, from its parts. */
export function pagesOf(parts: Parts): Map<string, number> {
  const read = (name: string) => (parts[name] ? parseXml(strFromU8(parts[name])) : undefined);
  const document = read('word/document.xml');
  const styles = read('word/styles.xml');
  if (!document || !styles) throw new Error('docx pagination: the package has no word/document.xml or word/styles.xml');
  return bookmarkPages(document, styles, read('word/numbering.xml'));
}

/** Rewrites every `PAGEREF <bookmark>` field result in word/document.xml with the page the bookmark lands on. */
export function fillTocPages(parts: Parts): void {
  const pages = pagesOf(parts);
  const xml = strFromU8(parts['word/document.xml']);
  // docx writes `PAGEREF _TocN \h` with an empty result (or an estimate); the result becomes the page.
  const out = xml.replace(
    /(<w:instrText[^>]*>\s*PAGEREF\s+(\S+)[^<]*<\/w:instrText><w:fldChar w:fldCharType="separate"\/>)(?:<w:t(?: [^>]*)?>[^<]*<\/w:t>)?/g,
    (all, head: string, name: string) => {
      const page = pages.get(name);
      return page === undefined ? all : `${head}<w:t xml:space="preserve">${page}</w:t>`;
    },
  );
  parts['word/document.xml'] = strToU8(out);
}
