// A prepared Word packet whose applicant details are tokens; filling it is a text substitution.
//
// The template is the packet as the Word writer makes it for an "applicant" whose every detail
// is a token such as ⟦first_name⟧; each token is written whole into one run, so filling the
// template is replacing the tokens in word/document.xml (values XML-escaped) and zipping again.
import { ADDRESSEE_FIELDS, type Addressee } from '../compose/packet.js';
import { preparePart, unzipParts, zipPrepared, type Parts, type PreparedPart } from '../write/docx/zip.js';
import { strFromU8, strToU8 } from 'fflate';
import { needsScriptRuns, runsXml } from '../write/docx/scripts.js';
import { escapeXml } from '../text/escape.js';

const FIELDS = [...ADDRESSEE_FIELDS, 'line'] as const;
const token = (name: string) => `\u27e6${name}\u27e7`;

export const TOKEN_APPLICANT: Addressee = Object.fromEntries(FIELDS.map((f) => [f, token(f)])) as unknown as Addressee;

export class WordTemplate {
  private readonly parts: Parts;
  /** Every part but word/document.xml, deflated once. */
  private readonly fixed: Record<string, PreparedPart>;
  /** document.xml cut at the tokens: text, token name, text, … */
  private readonly pieces: string[];

  constructor(
    docx: Uint8Array,
    private readonly date: string,
  ) {
    this.parts = unzipParts(docx);
    this.fixed = Object.fromEntries(
      Object.entries(this.parts)
        .filter(([name]) => name !== 'word/document.xml')
        .map(([name, data]) => [name, preparePart(data)]),
    );
    const xml = strFromU8(this.parts['word/document.xml']);
    this.pieces = xml.split(/\u27e6([a-z0-9_]+)\u27e7/);
    // The properties of the run each token stands in, for values that need runs of their own (scripts/rtl).
    for (const m of xml.matchAll(/\u27e6[a-z0-9_]+\u27e7/g)) {
      const start = Math.max(xml.lastIndexOf('<w:r>', m.index), xml.lastIndexOf('<w:r ', m.index));
      this.runProps.push(/^<w:r(?: [^>]*)?>(<w:rPr>.*?<\/w:rPr>)?/.exec(xml.slice(start))?.[1] ?? '');
    }
  }

  private readonly runProps: string[] = [];

  fill(a: Addressee): Uint8Array {
    const values = a as unknown as Record<string, string | number | undefined>;
    const value = (name: string, token: number) => {
      const v = String(values[name] ?? '');
      if (!needsScriptRuns(v)) return escapeXml(v);
      // Close the token's run, write the value's own runs in its style, and reopen the run for what follows.
      const rPr = this.runProps[token];
      return `</w:t></w:r>${runsXml(v, rPr)}<w:r>${rPr}<w:t xml:space="preserve">`;
    };
    const xml = this.pieces.map((p, i) => (i % 2 === 1 ? value(p, (i - 1) / 2) : p)).join('');
    // Deflate level 1: a mail merge zips a whole packet per applicant; level 6 took twice as long for files a tenth larger.
    return zipPrepared({ ...this.fixed, 'word/document.xml': preparePart(strToU8(xml)) }, this.date);
  }
}
