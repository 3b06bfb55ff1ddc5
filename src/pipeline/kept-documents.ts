// Finished documents by content, in the run's store: a document whose tree and format are the same as one rendered
// before is not laid out again. Two editions that publish the same packet, a rebuild after an edit to one level (the
// other levels' packets are unchanged), a mail merge run again (its shared packets) all reuse what was rendered. Same
// tree and generator give the same bytes, so a kept file is the file a render would make; `--force` reads none made before it (a fresh store), but keeps
// what it makes.
import type { Document } from '../compose/tree.js';
import { jsonWithHashes, sha256 } from '../util/hash.js';
import type { KeptStore } from '../write/context.js';
import type { RenderJob, RenderOutput } from './render-worker.js';

/** Each tree's hash, made once (a document is rendered in two formats; its tree is never changed once composed). */
const treeHashes = new WeakMap<Document, string>();

/** The tree's content (its edition id aside: it changes nothing printed). */
function treeHash(document: Document): string {
  let h = treeHashes.get(document);
  if (h === undefined) {
    const { editionId: _ignored, ...content } = document;
    treeHashes.set(document, (h = sha256(jsonWithHashes(content))));
  }
  return h;
}

/** The key of a render: the format and the tree. */
export function documentKey(job: RenderJob): string {
  return sha256(job.format, '\0', treeHash(job.document));
}

/** A document kept before: its bytes and, beside them, what else the render said (its pages). */
export function keptDocument(store: KeptStore, key: string): RenderOutput | null {
  const meta = store.get(`document-meta:${key}`);
  const bytes = meta && store.get(`document:${key}`);
  if (!meta || !bytes) return null;
  try {
    return { ...(JSON.parse(new TextDecoder().decode(meta)) as Omit<RenderOutput, 'bytes'>), bytes };
  } catch {
    return null; // a damaged entry is a miss
  }
}

export function keepDocument(store: KeptStore, key: string, out: RenderOutput): void {
  const { bytes, ...meta } = out;
  // The bytes first: a reader that finds the meta finds the bytes.
  store.put(`document:${key}`, bytes);
  store.put(`document-meta:${key}`, new TextEncoder().encode(JSON.stringify(meta)));
}

/** Renders through the store (none: renders). */
export async function renderKept(
  store: KeptStore | null,
  job: RenderJob,
  render: (job: RenderJob) => Promise<RenderOutput>,
): Promise<RenderOutput & { cached: boolean }> {
  if (!store) return { ...(await render(job)), cached: false };
  const key = documentKey(job);
  const hit = keptDocument(store, key);
  if (hit) return { ...hit, cached: true };
  const out = await render(job);
  keepDocument(store, key, out);
  return { ...out, cached: false };
}
