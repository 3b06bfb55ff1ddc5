// Every relative link in README.md and docs/*.md points to a file that exists and, with an #anchor into a Markdown
// file, to a heading it has (GitHub's anchors: the heading's text in lower case, punctuation dropped, spaces as
// hyphens, -1, -2 … for repeats). Read with remark, so that a link inside a code block is not one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const pages = [
  'README.md',
  ...readdirSync(join(repo, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface MdNode {
  type: string;
  url?: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { line: number } };
}

const parse = (text: string) => unified().use(remarkParse).use(remarkGfm).parse(text) as MdNode;
const textOf = (n: MdNode): string => n.value ?? (n.children ?? []).map(textOf).join('');
function* walk(n: MdNode): Generator<MdNode> {
  yield n;
  for (const c of n.children ?? []) yield* walk(c);
}

/** The anchors GitHub gives a Markdown file's headings. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const n of walk(parse(markdown))) {
    if (n.type !== 'heading') continue;
    const slug = textOf(n)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}

/** Each broken relative link of a page: `page:line: target (why)`. */
export function brokenLinks(page: string, markdown: string, read: (path: string) => string | null): string[] {
  const broken: string[] = [];
  const anchors = new Map<string, Set<string>>();
  const anchorsIn = (target: string, text: string) =>
    anchors.get(target) ?? anchors.set(target, anchorsOf(text)).get(target)!;
  for (const n of walk(parse(markdown))) {
    if ((n.type !== 'link' && n.type !== 'definition') || !n.url || /^[a-z][a-z0-9+.-]*:/i.test(n.url)) continue;
    const [path, anchor] = n.url.split('#');
    const target = path ? join(dirname(page), decodeURI(path)) : page;
    const where = `${page}:${n.position?.start.line}: ${n.url}`;
    const text = read(target);
    if (text === null) broken.push(`${where} (no file ${target})`);
    else if (anchor && target.endsWith('.md') && !anchorsIn(target, text).has(anchor))
      broken.push(`${where} (no heading with that anchor in ${target})`);
  }
  return broken;
}

const readRepo = (path: string): string | null => {
  const abs = join(repo, path);
  if (relative(repo, abs).startsWith('..') || !existsSync(abs)) return null;
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return ''; // a folder: it exists, and has no headings
  }
};

describe('links in README.md and docs/', () => {
  it('every relative link points to an existing file and heading', () => {
    expect(pages.flatMap((p) => brokenLinks(p, readFileSync(join(repo, p), 'utf8'), readRepo))).toEqual([]);
  });

  it('a link to a missing file or heading is found (and one in a code block is not a link)', () => {
    const page =
      '# Title\n\n## Sending `send:packets`, twice\n\n[a](#title) [b](#sending-sendpackets-twice) [c](docs/none.md) [d](#nowhere) [e](https://example.org/x)\n\n```\n[f](missing.md)\n```\n';
    const files: Record<string, string> = { 'README.md': page };
    expect(brokenLinks('README.md', page, (p) => files[p] ?? null)).toEqual([
      'README.md:5: docs/none.md (no file docs/none.md)',
      'README.md:5: #nowhere (no heading with that anchor in README.md)',
    ]);
  });
});
