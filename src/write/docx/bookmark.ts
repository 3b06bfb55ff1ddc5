// A bookmark around content, its id a hole the document numbers: import:edition maps an edited file back by the names.
import type { El } from '../../xml/wordml.js';
import { hole } from './holes.js';

export function bookmarked(name: string, content: El[]): El[] {
  return [hole({ kind: 'bookmark', name }), ...content, hole({ kind: 'end' })];
}
