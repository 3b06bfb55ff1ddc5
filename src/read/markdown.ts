// Markdown text to an mdast tree (GFM tables, YAML front matter), positions kept.
import { sha256 } from '../util/hash.js';
import { writeAtomic } from '../util/write-atomic.js';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Parsed trees kept on disk too, by text and generator, so that a new process (each command, each build) reads
 * them back instead of parsing: parsing source/ took about 0.35 s, reading the trees back about 10 ms.
 */
let store: { dir: string; version: string } | null = null;

/** Keeps trees in `dir` from now on, for this `version` of the parser (null: in memory only). */
export function keepParsedTrees(dir: string | null, version = ''): void {
  store = dir === null ? null : { dir, version };
}

function fromStore(text: string): Root {
  if (!store) return processor.parse(text) as Root;
  const path = join(store.dir, `mdast-${sha256(store.version, '\0', text)}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Root;
  } catch {
    // Not kept yet (or half a file): parse, and keep it for the next process; a store that cannot be written only costs speed.
  }
  const tree = processor.parse(text) as Root;
  try {
    mkdirSync(store.dir, { recursive: true });
    writeAtomic(path, JSON.stringify(tree));
  } catch {
    /* read-only or full disk */
  }
  return tree;
}

function parse(file: string, text: string): Root {
  const key = `${file}\0${text}`;
  let tree = parsed.get(key);
  if (!tree) {
    tree = fromStore(text);
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, tree);
  }
  return tree;
}

export function parseMarkdown(file: string, text: string, _diag?: Diagnostics): MarkdownFile {
  const tree = parse(file, text);
  let frontMatter: MarkdownFile['frontMatter'] = null;
  const first = tree.children[0];
  if (first && first.type === 'yaml') frontMatter = { text: first.value, firstLine: (first.position?.start.line ?? 1) + 1 };
  return { file, tree, frontMatter };
}
