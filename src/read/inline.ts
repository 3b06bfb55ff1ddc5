// mdast phrasing content to styled runs; anything that is not text is reported.
import type { PhrasingContent } from 'mdast';
import type { Inline } from '../model/schema.js';
import type { Diagnostics } from '../model/diagnostics.js';
import { posOf } from './markdown.js';

export function inlinesOf(
  file: string,
  nodes: PhrasingContent[],
  diag: Diagnostics,
  style: { bold?: boolean; italic?: boolean } = {},
): Inline[] {
  const out: Inline[] = [];
  const push = (text: string) => {
    const last = out[out.length - 1];
    if (last && !!last.bold === !!style.bold && !!last.italic === !!style.italic) last.text += text;
    else out.push({ text, ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}) });
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        push(node.value.replace(/\s*\n\s*/g, ' '));
        break;
      case 'inlineCode':
        push(node.value);
        break;
      case 'break':
        push('\n');
        break;
      case 'emphasis':
        for (const r of inlinesOf(file, node.children, diag, { ...style, italic: true })) appendRun(out, r);
        break;
      case 'strong':
        for (const r of inlinesOf(file, node.children, diag, { ...style, bold: true })) appendRun(out, r);
        break;
      case 'html':
        diag.error(
          posOf(file, node),
          `raw HTML "${node.value.slice(0, 30)}" is not allowed`,
          'plain Markdown (*italic*, **bold**, lists)',
        );
        break;
      case 'link':
      case 'linkReference':
        diag.error(posOf(file, node), 'links are not allowed in the guidelines text', 'plain text');
        break;
      case 'image':
      case 'imageReference':
        diag.error(posOf(file, node), 'images are not allowed in the guidelines text', 'plain text');
        break;
      case 'delete':
        for (const r of inlinesOf(file, node.children, diag, style)) appendRun(out, r);
        break;
      default:
        diag.error(posOf(file, node), `unsupported Markdown (${node.type})`, 'text, *italic* or **bold**');
    }
  }
  return out;
}

function appendRun(out: Inline[], r: Inline): void {
  const last = out[out.length - 1];
  if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic) last.text += r.text;
  else out.push({ ...r });
}

export { plainText } from '../model/text.js';

/** Trims the outer whitespace of a run list (after ids or codes were cut off). */
export function trimRuns(runs: Inline[]): Inline[] {
  const out = runs.map((r) => ({ ...r }));
  while (out.length && out[0].text.trimStart() === '') out.shift();
  while (out.length && out[out.length - 1].text.trimEnd() === '') out.pop();
  if (out.length) {
    out[0].text = out[0].text.trimStart();
    out[out.length - 1].text = out[out.length - 1].text.trimEnd();
  }
  return out;
}
