// YAML front matter checked against a zod schema; problems name the key's line.
import type { z } from 'zod';
import type { ReadContext } from './blocks.js';
import type { MarkdownFile } from './markdown.js';
import { posOf } from './markdown.js';
import { zodProblems } from './zod-problems.js';

export function frontMatterOf<T extends z.ZodType>(ctx: ReadContext, md: MarkdownFile, schema: T, expected: string): z.infer<T> | null {
  if (!md.frontMatter) {
    ctx.diag.error(posOf(ctx.file, md.tree), 'the file has no front matter', `a "---" block at the top with ${expected}`);
    return null;
  }
  if (md.frontMatter.data == null) return null; // YAML errors already reported
  const result = schema.safeParse(md.frontMatter.data);
  if (result.success) return result.data;
  const { node, offsetLine } = md.frontMatter;
  for (const p of zodProblems(result.error, md.frontMatter.data)) {
    const line = findKeyLine(node.type === 'yaml' ? node.value : '', p.key);
    ctx.diag.error({ file: ctx.file, line: line >= 0 ? offsetLine + line : posOf(ctx.file, node).line, column: 1 }, p.problem, p.expected);
  }
  return null;
}

function findKeyLine(yamlText: string, key: string | undefined): number {
  if (!key) return -1;
  return yamlText.split('\n').findIndex((l) => l.trimStart().startsWith(`${key}:`));
}
