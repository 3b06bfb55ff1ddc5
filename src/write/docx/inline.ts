// Tree runs to Word runs: bold and italic kept, "\n" inside a run written as a line break (w:br).
import type { Run } from '../../compose/tree.js';
import type { El } from '../../xml/wordml.js';
import { run } from './wml.js';

export function runsOf(text: Run[], extra: { bold?: boolean; italics?: boolean } = {}): El[] {
  const runs: El[] = [];
  for (const r of text) {
    const bold = r.bold || extra.bold || undefined;
    const italics = r.italic || extra.italics || undefined;
    r.text.split('\n').forEach((line, i) => {
      runs.push(run({ text: line, bold, italics, break: i > 0 ? 1 : undefined }));
    });
  }
  return runs;
}

/** Word runs of a plain string (the opposite direction of compose/tree.ts's `plainRuns`, which flattens runs to text). */
export function stringRuns(text: string, extra: { bold?: boolean; italics?: boolean } = {}): El[] {
  return runsOf([{ text }], extra);
}
