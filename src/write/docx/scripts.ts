// Word runs for text in any script: Word picks a run's font by the kind of its characters (w:rFonts ascii/hAnsi for
// Latin, eastAsia for Chinese, Japanese and Korean, cs for complex scripts such as Arabic, Hebrew and Devanagari),
// and lays out right-to-left runs only when they say so (w:rtl). Runs name the Noto font of their script, which
// Word uses where it is installed and otherwise replaces with its own font for that script.
import type { El } from '../../xml/wordml.js';
import { escapeXml } from '../../text/escape.js';
import { stringRuns } from './inline.js';
import { run } from './wml.js';
import { eastAsianLanguage, isEastAsian } from '../../text/scripts.js';

interface Script {
  test: RegExp;
  /** The font Word should use for these characters, and which of a run's fonts it is. */
  font: string;
  slot: 'eastAsia' | 'cs';
  rtl?: boolean;
  /** w:lang for East Asian text: which regional forms of shared Han characters to use. */
  lang?: string;
}

const SCRIPTS: Record<string, Script> = {
  hebrew: { test: /\p{Script=Hebrew}/u, font: 'Noto Sans Hebrew', slot: 'cs', rtl: true },
  arabic: { test: /\p{Script=Arabic}/u, font: 'Noto Sans Arabic', slot: 'cs', rtl: true },
  devanagari: { test: /\p{Script=Devanagari}/u, font: 'Noto Sans Devanagari', slot: 'cs' },
  japanese: {
    test: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u,
    font: 'Noto Sans JP',
    slot: 'eastAsia',
    lang: 'ja-JP',
  },
  korean: { test: /[\p{Script=Hangul}\p{Script=Han}]/u, font: 'Noto Sans KR', slot: 'eastAsia', lang: 'ko-KR' },
  chinese: { test: /\p{Script=Han}/u, font: 'Noto Sans SC', slot: 'eastAsia', lang: 'zh-CN' },
};

/** Text Word sets in its Latin font whatever the run says: nothing to add (the common case). */
const PLAIN = /^[\u0000-\u058f\u1e00-\u1fff\u2000-\u206f\u27e6\u27e7]*$/;

/** Marks, joiners and neutral characters stay in the run they are in. */
const FOLLOWS = /[\p{M}\u200c\u200d\s\p{P}\p{N}]/u;

export interface Segment {
  text: string;
  script: Script | null;
}

/** The text cut where its script changes; East Asian text is Japanese with kana, Korean with hangul, else Chinese. */
export function segments(text: string): Segment[] {
  if (PLAIN.test(text)) return [{ text, script: null }];
  const eastAsian = SCRIPTS[eastAsianLanguage(text)];
  const kinds = [SCRIPTS.hebrew, SCRIPTS.arabic, SCRIPTS.devanagari, eastAsian];
  const out: Segment[] = [];
  for (const c of text) {
    const last = out[out.length - 1];
    const script =
      last && FOLLOWS.test(c)
        ? last.script
        : (kinds.find((k) => k.test.test(c) || (k === eastAsian && isEastAsian(c))) ?? null);
    if (last && last.script === script) last.text += c;
    else out.push({ text: c, script });
  }
  return out;
}

/** Runs for a text typed by a person (a name, an address line): its scripts marked so Word picks fonts for them. */
export function scriptRuns(text: string): El[] {
  const segs = segments(text);
  if (segs.length === 1 && segs[0].script === null) return stringRuns(text);
  return segs.map((s) =>
    run({
      text: s.text,
      ...(s.script
        ? {
            fonts: {
              [s.script.slot]: s.script.font,
              ...(s.script.slot === 'eastAsia' ? { hint: 'eastAsia' as const } : {}),
            },
            rightToLeft: s.script.rtl,
            language: s.script.lang ? { eastAsia: s.script.lang } : undefined,
          }
        : {}),
    }),
  );
}

/**
 * The same runs as XML, for filling a prepared Word file: `rPr` is the run properties of the run the text goes in
 * (its style), to which each script's fonts, direction and language are added in the schema's order.
 */
export function runsXml(text: string, rPr: string): string {
  const inner = rPr.replace(/^<w:rPr>|<\/w:rPr>$/g, '');
  return segments(text)
    .map((s) => {
      let props = inner;
      if (s.script) {
        const attrs =
          s.script.slot === 'cs' ? `w:cs="${s.script.font}"` : `w:eastAsia="${s.script.font}" w:hint="eastAsia"`;
        // rFonts follows rStyle; rtl and lang come last (the schema's order).
        if (/<w:rFonts /.test(props)) props = props.replace(/<w:rFonts /, `<w:rFonts ${attrs} `);
        else if (/<w:rStyle [^>]*\/>/.test(props))
          props = props.replace(/(<w:rStyle [^>]*\/>)/, `$1<w:rFonts ${attrs}/>`);
        else props = `<w:rFonts ${attrs}/>${props}`;
        if (s.script.rtl) props += '<w:rtl/>';
        if (s.script.lang) props += `<w:lang w:eastAsia="${s.script.lang}"/>`;
      }
      return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(s.text)}</w:t></w:r>`;
    })
    .join('');
}

/** Whether a text needs runs of its own in Word (else it is written as it is, into the run it stands in). */
export function needsScriptRuns(text: string): boolean {
  return !PLAIN.test(text) && segments(text).some((s) => s.script !== null);
}
