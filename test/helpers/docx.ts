// Reads a .docx back as its XML parts (fflate's unzip), independent of the docx package.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

export function readDocxParts(path: string): Record<string, string> {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** The text of every w:t run of a part, paragraphs separated by newlines. */
export function docxText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join(''))
    .join('\n');
}

export function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Paragraphs (their text) that use a paragraph style. */
export function paragraphsWithStyle(xml: string, styleId: string): string[] {
  return xml
    .split(/<\/w:p>/)
    .filter((p) => p.includes(`<w:pStyle w:val="${styleId}"/>`))
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join(''));
}

/**
 * The tables of a part that hold `marker` in their first row: each table its rows, each row its cells' XML. Tables
 * are not nested in what the writers make, so a table ends at the first </w:tbl>.
 */
export function tablesWith(xml: string, marker: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/g)]
    .map(([t]) =>
      [...t.matchAll(/<w:tr>.*?<\/w:tr>/g)].map(([r]) => [...r.matchAll(/<w:tc>.*?<\/w:tc>/g)].map(([c]) => c)),
    )
    .filter((rows) => rows[0]?.some((c) => docxText(c).includes(marker)));
}
