// YAML front matter checked against a zod schema, the same way as every YAML file (read/yaml.ts):
// problems name the line and column of the key they concern.
import type { z } from 'zod';
import type { ReadContext } from './blocks.js';
import type { MarkdownFile } from './markdown.js';
import { posOf } from './markdown.js';
import { readYaml } from './yaml.js';

export function frontMatterOf<T extends z.ZodType>(
  ctx: ReadContext,
  md: MarkdownFile,
  schema: T,
  expected: string,
): z.infer<T> | null {
  if (!md.frontMatter) {
    ctx.diag.error(
      posOf(ctx.file, md.tree),
      'the file has no front matter',
      `a "---" block at the top with ${expected}`,
    );
    return null;
  }
  return (
    readYaml(ctx.file, md.frontMatter.text, schema, ctx.diag, md.frontMatter.firstLine, 'front matter')?.value ?? null
  );
}
