// Edits to the packed parts that docx has no option for: fixed timestamps, per-document bookmark ids, mirror margins.
import { strFromU8, strToU8 } from 'fflate';
import type { Parts } from './zip.js';

function editPart(parts: Parts, name: string, edit: (xml: string) => string): void {
  const part = parts[name];
  if (!part) throw new Error(`docx writer: the package has no ${name}`);
  parts[name] = strToU8(edit(strFromU8(part)));
}

/** docProps/core.xml: created and modified are `new Date()` in docx; write the publication's date instead. */
export function fixTimestamps(parts: Parts, date: string): void {
  const stamp = `${date}T00:00:00Z`;
  editPart(parts, 'docProps/core.xml', (xml) =>
    xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`),
  );
}

/**
 * docx numbers bookmarks (the TOC's `_Toc<n>` anchors on headings) from one counter shared by every document built in
 * the process, so a second build would get other numbers. Renumber them from 1 in the order they appear.
 */
export function renumberBookmarks(parts: Parts): void {
  editPart(parts, 'word/document.xml', (xml) => {
    const ids = new Map<string, number>();
    const idOf = (old: string) => {
      if (!ids.has(old)) ids.set(old, ids.size + 1);
      return ids.get(old)!;
    };
    const names = new Map<string, number>();
    const nameOf = (old: string) => {
      if (!names.has(old)) names.set(old, names.size + 1);
      return names.get(old)!;
    };
    return xml
      .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_, head: string, id: string) => `${head}${idOf(id)}"`)
      .replace(/_Toc(\d+)/g, (_, n: string) => `_Toc${nameOf(n)}`);
  });
}

/** Settings elements that come before w:mirrorMargins in CT_Settings' sequence. */
const BEFORE_MIRROR_MARGINS =
  'writeProtection|view|zoom|removePersonalInformation|removeDateAndTime|doNotDisplayPageBoundaries|' +
  'displayBackgroundShape|printPostScriptOverText|printFractionalCharacterWidth|printFormsData|embedTrueTypeFonts|' +
  'embedSystemFonts|saveSubsetFonts|saveFormsData';

/** Two-sided print: margins (and the gutter) mirror on left-hand pages. docx has no option for w:mirrorMargins. */
export function mirrorMargins(parts: Parts): void {
  editPart(parts, 'word/settings.xml', (xml) => {
    const lead = new RegExp(`(<w:settings\\b[^>]*>(?:<w:(?:${BEFORE_MIRROR_MARGINS})\\b[^>]*/>)*)`);
    if (!lead.test(xml)) throw new Error('docx writer: unexpected word/settings.xml');
    return xml.replace(lead, '$1<w:mirrorMargins/>');
  });
}
