// Headings: Heading 1–3 when listed in the Contents, else a heading at its own outline level in "Minor Heading".
import { listedInContents, type Heading } from '../../compose/tree.js';
import { bookmarkName } from '../../text/bookmark.js';
import type { El } from '../../xml/wordml.js';
import type { PartCounters } from './block-context.js';
import { bookmarked } from './bookmark.js';
import { hole } from './holes.js';
import { S } from './styles.js';
import { para, run, type ParaOptions } from './wml.js';

/** A Heading 1–3 paragraph: with a Contents, its `_Toc` bookmark (as Word's own Contents field makes) around it. */
export function contentsHeading(
  counters: PartCounters,
  level: number,
  text: string,
  o: ParaOptions,
  content: El[],
): El {
  return para(o, [counters.contentsHeading(level, text), ...content, hole({ kind: 'end' })]);
}

/**
 * A heading listed in the contents is Heading 1–3 (the Contents field takes those). One left out of it is still a
 * heading at its own level (its outline level, so headings never skip a level for a screen reader or Word's
 * Accessibility Checker), in the "Minor Heading" style, which the Contents field (built-in heading styles) leaves out.
 */
export function headingParagraph(
  b: Heading,
  counters: PartCounters,
  extra: { keepNext?: boolean; spacing?: { before: number } } = {},
): El {
  // The heading's id as an invisible bookmark around its text (import:edition maps an edited file back by it).
  const content = bookmarked(bookmarkName(b.id), [run({ text: b.text })]);
  if (listedInContents(b) && b.text.trim() !== '')
    return contentsHeading(counters, b.level, b.text, { style: S.heading[b.level - 1], ...extra }, content);
  return para({ style: S.minorHeading, ...extra, outlineLevel: Math.min(b.level, 9) - 1 }, content);
}
