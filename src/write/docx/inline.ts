// Tree runs to Word runs: bold and italic kept, a responsibility code in the Code character style,
// "\n" inside a run written as a line break (w:br).
import { TextRun } from 'docx';
import type { Run } from '../../compose/tree.js';

export function runsOf(text: Run[], extra: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  const runs: TextRun[] = [];
  for (const run of text) {
    const bold = run.bold || extra.bold || undefined;
    const italics = run.italic || extra.italics || undefined;
    run.text.split('\n').forEach((line, i) => {
      runs.push(new TextRun({ text: line, bold, italics, break: i > 0 ? 1 : undefined }));
    });
  }
  return runs;
}

export function plainRuns(text: string, extra: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return runsOf([{ text }], extra);
}
