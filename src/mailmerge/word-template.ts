// A prepared Word packet whose applicant details are tokens; filling it is a text substitution.
//
// The template is the packet as the Word writer makes it for an "applicant" whose every detail
// is a token such as ⟦first_name⟧; each token is written whole into one run, so filling the
// template is replacing the tokens in word/document.xml (values XML-escaped) and zipping again.
import type { Applicant } from '../compose/packet.js';
import { unzipParts, zipParts, type Parts } from '../write/docx/zip.js';
import { strFromU8, strToU8 } from 'fflate';

const FIELDS = ['first_name', 'last_name', 'address_line1', 'address_line2', 'city', 'state', 'postal_code', 'email'] as const;
const token = (name: string) => `\u27e6${name}\u27e7`;

export const TOKEN_APPLICANT: Applicant = Object.fromEntries(FIELDS.map((f) => [f, token(f)])) as unknown as Applicant;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class WordTemplate {
  private readonly parts: Parts;
  /** document.xml cut at the tokens: text, token name, text, … */
  private readonly pieces: string[];

  constructor(
    docx: Uint8Array,
    private readonly date: string,
  ) {
    this.parts = unzipParts(docx);
    this.pieces = strFromU8(this.parts['word/document.xml']).split(/\u27e6([a-z0-9_]+)\u27e7/);
  }

  fill(a: Applicant): Uint8Array {
    const values = a as unknown as Record<string, string | undefined>;
    const xml = this.pieces.map((p, i) => (i % 2 === 1 ? escapeXml(values[p] ?? '') : p)).join('');
    return zipParts({ ...this.parts, 'word/document.xml': strToU8(xml) }, this.date);
  }
}
