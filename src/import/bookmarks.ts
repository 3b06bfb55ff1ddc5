// The invisible bookmark our Word files put on each area, competency, section and glossary term: its id, hashed into
// a name Word accepts (at most 40 letters, digits and "_"; a leading "_" keeps it out of Word's bookmark list).
import { createHash } from 'node:crypto';

export function bookmarkName(id: string): string {
  return `_cg${createHash('sha1').update(id).digest('hex').slice(0, 20)}`;
}
