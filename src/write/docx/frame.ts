// What docx still makes: the styles and numbering parts (its style and list options are what it does well) and the
// package's fixed parts (theme, font table, notes, properties). It packs a document with no body text but one
// paragraph per list instance, in the order the real document first uses them: docx numbers list instances in that
// order, so its numbering.xml (and the list styles' numIds in styles.xml) match the document's. Kept by content, and
// made once for every edition: docx is given a stand-in accent, and each document's styles.xml gets its own colour
// in its place (docx writes a colour as given, and the accent is nothing else in the frame).
import { createHash } from 'node:crypto';
import { Document as WordDocument, Packer, Paragraph } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Document } from '../../compose/tree.js';
import type { RenderContext } from '../context.js';
import type { Held } from './held.js';
import { BULLETS, numberingFor, orderedDefinition } from './numbering.js';
import { hex, stylesFor } from './styles.js';

/** A list instance: the bullets, or an ordered list (its start and instance number). */
export interface ListUse {
  ordered: boolean;
  start: number;
  instance: number;
}

export type Frame = Record<string, Uint8Array>;

/** The parts taken from docx's package as they are. */
const TAKEN = [
  'word/styles.xml',
  'word/numbering.xml',
  'word/theme/theme1.xml',
  'word/fontTable.xml',
  'word/footnotes.xml',
  'word/endnotes.xml',
  'word/_rels/fontTable.xml.rels',
  'word/_rels/footnotes.xml.rels',
  'word/_rels/endnotes.xml.rels',
  'docProps/app.xml',
  'docProps/custom.xml',
];

/** The accent docx is given for the frame every edition shares (a colour no style of ours has). */
const STAND_IN = 'ACCE57';

/**
 * The document's frame: the one its language and lists share (`shared`: what measuring reads, the same styles in
 * another colour), with its own accent.
 */
export async function frameOf(
  doc: Document,
  lists: ListUse[],
  ctx: RenderContext,
  held: Held<Frame>,
): Promise<{ frame: Frame; shared: Frame }> {
  const shared = await sharedFrame(doc, lists, ctx, held);
  const styles = strFromU8(shared['word/styles.xml'])
    .split(`"${STAND_IN}"`)
    .join(`"${hex(doc.accent)}"`);
  return { frame: { ...shared, 'word/styles.xml': strToU8(styles) }, shared };
}

/** `held`: the frames of this run (memory.ts), in front of the store. */
async function sharedFrame(doc: Document, lists: ListUse[], ctx: RenderContext, held: Held<Frame>): Promise<Frame> {
  const key = `docx-frame:${createHash('sha256')
    .update(JSON.stringify({ v: 2, language: doc.meta.language, lists }))
    .digest('hex')}`;
  const inRun = held.get(key);
  if (inRun) return inRun;
  const kept = ctx.store?.get(key);
  if (kept) {
    const read = unzipSync(kept);
    held.set(key, read);
    return read;
  }
  const word = new WordDocument({
    ...stylesFor({ ...doc, accent: `#${STAND_IN}` }),
    numbering: numberingFor(),
    sections: [
      {
        children: lists.map(
          (l) =>
            new Paragraph({
              numbering: l.ordered
                ? { reference: orderedDefinition(l.start), level: 0, instance: l.instance }
                : { reference: BULLETS, level: 0 },
            }),
        ),
      },
    ],
  });
  const all = unzipSync(new Uint8Array(await Packer.toBuffer(word)));
  const frame: Frame = {};
  for (const name of TAKEN) {
    if (!all[name]) throw new Error(`docx writer: docx's package has no ${name}`);
    frame[name] = all[name];
  }
  ctx.store?.put(key, zipSync(frame, { level: 0, mtime: new Date(1980, 0, 1) }));
  held.set(key, frame);
  return frame;
}
