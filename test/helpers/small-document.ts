// A small document tree for a writer test: its metadata, page and furniture as every such test gives them, and the
// parts the test is about.
import type { Document } from '../../src/compose/tree.js';

export function smallDocument(
  editionId: string,
  parts: Document['parts'],
  opts: { kind?: Document['kind']; twoSided?: boolean; accent?: string } = {},
): Document {
  return {
    editionId,
    kind: opts.kind ?? 'booklet',
    meta: { title: editionId, author: 'A', subject: 'S', keywords: 'K', language: 'en-US', date: '2026-01-01' },
    page: { size: 'LETTER', twoSided: opts.twoSided ?? false, padToMultipleOf4: false },
    accent: opts.accent ?? '#0b6e4f',
    furniture: { headerLine: 'Head', footerLine: 'Foot' },
    parts,
  };
}

/** A chapter of `blocks`, with its id, title and running head `title`. */
export function chapter(
  id: string,
  title: string,
  blocks: Extract<Document['parts'][number], { kind: 'chapter' }>['blocks'],
) {
  return { kind: 'chapter' as const, id, title, runningHead: title, blocks };
}
