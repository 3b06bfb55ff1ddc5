// The Word writer's kept parts: each part's WordprocessingML is made once and kept in the run's store (content-addressed),
// reused by another document that has the same part (a booklet and a packet, two editions), and a document assembled
// from kept parts is byte-identical to one made whole. Read back with fflate (an independent zip reader).
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Block, Document, Part } from '../src/compose/tree.js';
import { bareContext, type RenderContext } from '../src/write/context.js';
import { writeDocx } from '../src/write/docx/write-docx.js';

const heading = (level: number, id: string, text: string): Block => ({ kind: 'heading', level, id, text, toc: true });
const para = (text: string): Block => ({ kind: 'paragraph', role: 'body', runs: [{ text }] });

function chapter(id: string, title: string, paragraphs: number): Part {
  const blocks: Block[] = [heading(1, id, title), heading(2, `${id}.intro`, 'Introduction')];
  for (let i = 0; i < paragraphs; i++)
    blocks.push(para(`${title}, paragraph ${i + 1}: ${'words that fill a line of the page '.repeat(6)}`));
  blocks.push({
    kind: 'list',
    style: 'number',
    items: [
      { runs: [{ text: 'First' }], children: [] },
      { runs: [{ text: 'Second' }], children: [] },
    ],
  });
  return { kind: 'chapter', id, title, runningHead: title, blocks };
}

const glossary: Part = {
  kind: 'chapter',
  id: 'glossary',
  title: 'Glossary',
  runningHead: 'Glossary',
  blocks: [
    heading(1, 'glossary', 'Glossary'),
    { kind: 'definitions', entries: [{ id: 'g.term', term: 'Term', definition: [{ text: 'what it means' }] }] },
  ],
};

function document(accent: string, chapters: Part[], kind: Document['kind'] = 'booklet'): Document {
  const parts: Part[] = [
    {
      kind: 'cover',
      association: 'Association',
      abbreviation: 'AS',
      title: 'Guidelines',
      dateLine: 'November 2026',
      color: accent,
    },
    { kind: 'contents', title: 'Contents', entries: [] },
    ...chapters,
  ];
  return {
    editionId: 'test',
    kind,
    meta: {
      title: 'Guidelines',
      author: 'Association',
      subject: 'Guidelines',
      keywords: 'k',
      language: 'en-US',
      date: '2026-11-01',
    },
    page: { size: 'LETTER', twoSided: true, padToMultipleOf4: false },
    accent,
    furniture: { headerLine: 'Guidelines', footerLine: '© Association' },
    parts,
  };
}

/** A store in memory, and the parts the writer says it made. */
function keeping(): RenderContext & { made: string[]; keys: () => string[] } {
  const kept = new Map<string, Uint8Array>();
  const made: string[] = [];
  return {
    ...bareContext(),
    store: { get: (k) => kept.get(k) ?? null, put: (k, b) => void kept.set(k, b) },
    trace: (line) => void made.push(line),
    made,
    keys: () => [...kept.keys()],
  };
}

const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']);
const tocPages = (xml: string) =>
  [
    ...xml.matchAll(
      /PAGEREF (_Toc\d+) \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t xml:space="preserve">(\d+)</g,
    ),
  ].map((m) => `${m[1]}=${m[2]}`);

const booklet = document('#1f4e79', [chapter('level1', 'Level 1', 30), chapter('level2', 'Level 2', 12), glossary]);
const packet = document('#1f4e79', [chapter('level2', 'Level 2', 12), glossary], 'packet');

describe('Word parts kept in the store', () => {
  it('keeps each part once, reuses it, and writes the same bytes from kept parts as made whole', async () => {
    const whole = await writeDocx(booklet, bareContext());
    const ctx = keeping();
    const first = await writeDocx(booklet, ctx);
    expect(ctx.made.filter((l) => l.startsWith('docx part'))).toEqual([
      'docx part level1 made',
      'docx part level2 made',
      'docx part glossary made',
    ]);
    expect(ctx.keys().filter((k) => k.startsWith('docx-part:'))).toHaveLength(3);
    ctx.made.length = 0;
    const again = await writeDocx(booklet, ctx);
    expect(ctx.made).toEqual([]);
    expect(Buffer.from(first).equals(Buffer.from(whole))).toBe(true);
    expect(Buffer.from(again).equals(Buffer.from(whole))).toBe(true);
  });

  it('gives a packet the booklet’s chapter and glossary, with bookmarks, lists and Contents pages of its own', async () => {
    const ctx = keeping();
    await writeDocx(booklet, ctx);
    ctx.made.length = 0;
    const fromKept = await writeDocx(packet, ctx);
    // Level 2 starts on a right-hand page in both; the glossary is the last part of both: nothing new to make.
    expect(ctx.made.filter((l) => l.startsWith('docx part'))).toEqual([]);
    const made = await writeDocx(packet, bareContext());
    expect(Buffer.from(fromKept).equals(Buffer.from(made))).toBe(true);
    const xml = documentXml(fromKept);
    // Bookmark ids run 1, 2, … through the packet (not on from the booklet's), each closed once.
    const ids = [...xml.matchAll(/<w:bookmarkStart w:name="[^"]*" w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect([...xml.matchAll(/<w:bookmarkEnd w:id="(\d+)"\/>/g)].map((m) => Number(m[1])).sort((a, b) => a - b)).toEqual(
      ids,
    );
    // The Contents lists the packet's own headings, and the pages its own layout gives them.
    expect(tocPages(xml)).toEqual(['_Toc1=5', '_Toc2=5', '_Toc3=7']);
    expect(tocPages(documentXml(made))).toEqual(tocPages(xml));
  });

  it('shares parts between editions of other colours, each with its own colour', async () => {
    const ctx = keeping();
    await writeDocx(booklet, ctx);
    ctx.made.length = 0;
    const green = document('#2e7d32', [chapter('level1', 'Level 1', 30), chapter('level2', 'Level 2', 12), glossary]);
    const xml = documentXml(await writeDocx(green, ctx));
    expect(ctx.made.filter((l) => l.startsWith('docx part'))).toEqual([]);
    expect(xml).toContain('<w:shd w:fill="2E7D32" w:val="clear"/>');
    expect(xml).not.toContain('1F4E79');
    expect(Buffer.from(await writeDocx(green, ctx)).equals(Buffer.from(await writeDocx(green, bareContext())))).toBe(
      true,
    );
  });

  it('numbers the Contents of a longer booklet from its own parts’ measures', async () => {
    const xml = documentXml(await writeDocx(booklet, keeping()));
    const pages = tocPages(xml).map((e) => Number(e.split('=')[1]));
    // Level 1 (30 long paragraphs) runs over several pages; Level 2 and the glossary each start on a right-hand page.
    expect(pages[0]).toBe(5);
    expect(pages[2]).toBeGreaterThan(pages[0] + 1);
    expect(pages[2] % 2).toBe(1);
    expect(pages[4] % 2).toBe(1);
  });

  it('shares nothing between two documents written at once', async () => {
    const ctx = keeping();
    const [a, b] = await Promise.all([writeDocx(booklet, ctx), writeDocx(packet, ctx)]);
    expect(Buffer.from(a).equals(Buffer.from(await writeDocx(booklet, bareContext())))).toBe(true);
    expect(Buffer.from(b).equals(Buffer.from(await writeDocx(packet, bareContext())))).toBe(true);
  });
});
