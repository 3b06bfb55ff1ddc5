// Which writing a text is in, where the writers must choose fonts by it. Han characters are shared by Chinese,
// Japanese and Korean, and each font draws them the way its readers expect, so a text's own kana or hangul decide.

export const HAN = /\p{Script=Han}/u;
export const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
export const HANGUL = /\p{Script=Hangul}/u;

/** Whether a text (or a character) is Chinese, Japanese or Korean writing. */
export function isEastAsian(text: string): boolean {
  return HAN.test(text) || KANA.test(text) || HANGUL.test(text);
}

/** The East Asian language of a text's Han characters: Japanese with kana, Korean with hangul, else Chinese. */
export function eastAsianLanguage(text: string): 'japanese' | 'korean' | 'chinese' {
  return KANA.test(text) ? 'japanese' : HANGUL.test(text) ? 'korean' : 'chinese';
}
