// Markdown text to an mdast tree (GFM tables, YAML front matter), positions kept.
import { sha256 } from '../util/hash.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, Node } from 'mdast';
import type { SourcePos } from '../model/schema.js';
import type { Diagnostics } from '../model/diagnostics.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

export interface MarkdownFile {
  file: string;
  tree: Root;
  /** The YAML between the "---" lines, and the file line it starts on. */
  frontMatter: { text: string; firstLine: number } | null;
}

export function posOf(file: string, node: Node | undefined): SourcePos {
  const start = node?.position?.start;
  return { file, line: start?.line ?? 1, column: start?.column ?? 1 };
}

/**
 * Parsed trees by file and text: parsing is most of the time of reading source/, and a watch
 * process (or a test that damages one file at a time) reads the same unchanged files again.
 * The readers never modify a tree, so one parse can be shared.
 */
const parsed = new Map<string, Root>();
const PARSED_MAX = 64;

/** Bytes kept by content address: the run's store (pipeline/context.ts; the writers' KeptStore, write/context.ts). */
export interface KeptStore {
  get(key: string): Uint8Array | null;
  put(key: string, bytes: Uint8Array): void;
}

/**
 * Parsed trees kept in the run's store too (pipeline/context.ts), by text, so that a new process (each command, each
 * build) reads them back instead of parsing: parsing source/ took about 0.35 s, reading the trees back about 10 ms.
 */
function fromStore(text: string, kept: KeptStore | null): Root {
  if (!kept) return processor.parse(text) as Root;
  const key = `mdast:${sha256(text)}`;
  const bytes = kept.get(key);
  if (bytes) {
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as Root;
    } catch {
      // A damaged entry: parse again.
    }
  }
  const tree = processor.parse(text) as Root;
  kept.put(key, new TextEncoder().encode(JSON.stringify(tree)));
  return tree;
}

function parse(file: string, text: string, kept: KeptStore | null): Root {
  const key = `${file}\0${text}`;
  let tree = parsed.get(key);
  if (!tree) {
    tree = fromStore(text, kept);
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, tree);
  }
  return tree;
}

/** `kept`: the run's store, where the parsed tree is kept for the next process (none: parsed in memory only). */
export function parseMarkdown(
  file: string,
  text: string,
  _diag?: Diagnostics,
  kept: KeptStore | null = null,
): MarkdownFile {
  const tree = parse(file, text, kept);
  let frontMatter: MarkdownFile['frontMatter'] = null;
  const first = tree.children[0];
  if (first && first.type === 'yaml')
    frontMatter = { text: first.value, firstLine: (first.position?.start.line ?? 1) + 1 };
  return { file, tree, frontMatter };
}
