// edition.yaml to EditionSettings; each problem names the line of the key it concerns.
import { LineCounter, parseDocument, isMap, isNode, isScalar } from 'yaml';
import { EditionSettings } from '../model/settings.js';
import type { SourcePos } from '../model/schema.js';
import type { Diagnostics } from './diagnostics.js';
import { zodProblems } from './zod-problems.js';

export interface SettingsRead {
  settings: EditionSettings;
  /** Where a value stands in the file, e.g. locate(['remove', 0]). */
  locate: (path: (string | number)[]) => SourcePos;
}

export function readSettings(file: string, text: string, diag: Diagnostics): SettingsRead | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    for (const err of doc.errors) {
      const lp = lineCounter.linePos(err.pos[0]);
      diag.error({ file, line: lp.line, column: lp.col }, `not valid YAML (${err.message.split('\n')[0]})`, '"key: value" lines');
    }
    return null;
  }
  const data = doc.toJS();
  const result = EditionSettings.safeParse(data);
  if (result.success) {
    const locate = (path: (string | number)[]) => {
      const node = doc.getIn(path, true);
      const lp = lineCounter.linePos(isNode(node) && node.range ? node.range[0] : 0);
      return { file, line: lp.line, column: lp.col };
    };
    return { settings: result.data, locate };
  }
  for (const p of zodProblems(result.error, data)) {
    // Point at the value when it exists, else at the closest parent that does.
    let node: unknown = null;
    // An unknown key: point at the key itself, found among its parent map's pairs.
    const parent = p.path.length > 1 ? doc.getIn(p.path.slice(0, -1), true) : doc.contents;
    if (isMap(parent)) node = parent.items.find((pair) => isScalar(pair.key) && pair.key.value === p.path[p.path.length - 1])?.key ?? null;
    for (let n = p.path.length; n >= 0 && !node; n--) node = n ? doc.getIn(p.path.slice(0, n), true) : doc.contents;
    const range = isNode(node) ? node.range : undefined;
    const lp = lineCounter.linePos(range ? range[0] : 0);
    diag.error({ file, line: lp.line, column: lp.col }, p.problem, p.expected);
  }
  return null;
}
