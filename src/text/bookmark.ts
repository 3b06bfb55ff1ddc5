// The invisible bookmark the Word files put on each area, competency, section and glossary term, carrying its id so
// that `import:edition` maps staff's edited paragraphs back to their ids. Word accepts names of at most 40 letters,
// digits and "_", so the id is hashed; a leading "_" keeps it out of Word's list of bookmarks (as Word's own _Toc).
import { createHash } from 'node:crypto';

export function bookmarkName(id: string): string {
  return `_cg${createHash('sha1').update(id).digest('hex').slice(0, 20)}`;
}
