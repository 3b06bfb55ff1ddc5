// Markdown text to an mdast tree (GFM tables, YAML front matter), positions kept.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { parseDocument, LineCounter } from 'yaml';
import type { Root, RootContent, Node } from 'mdast';
import type { SourcePos } from '../model/schema.js';
import type { Diagnostics } from '../model/diagnostics.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

export interface MarkdownFile {
  file: string;
  tree: Root;
  frontMatter: { data: unknown; node: RootContent; lineCounter: LineCounter; offsetLine: number } | null;
}

export function posOf(file: string, node: Node | undefined): SourcePos {
  const start = node?.position?.start;
  return { file, line: start?.line ?? 1, column: start?.column ?? 1 };
}

export function parseMarkdown(file: string, text: string, diag: Diagnostics): MarkdownFile {
  const tree = processor.parse(text) as Root;
  let frontMatter: MarkdownFile['frontMatter'] = null;
  const first = tree.children[0];
  if (first && first.type === 'yaml') {
    const lineCounter = new LineCounter();
    const doc = parseDocument(first.value, { lineCounter, prettyErrors: false });
    const offsetLine = (first.position?.start.line ?? 1) + 1;
    for (const err of doc.errors) {
      const lp = lineCounter.linePos(err.pos[0]);
      diag.error({ file, line: offsetLine + lp.line - 1, column: lp.col }, `front matter is not valid YAML (${err.code})`, 'key: value lines');
    }
    frontMatter = { data: doc.errors.length ? null : doc.toJS(), node: first, lineCounter, offsetLine };
  }
  return { file, tree, frontMatter };
}
