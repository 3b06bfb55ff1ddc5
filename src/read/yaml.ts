// A YAML file checked against a zod schema; each problem names the line of the key it concerns.
import { LineCounter, parseDocument, isMap, isNode, isScalar } from 'yaml';
import type { z } from 'zod';
import type { SourcePos } from '../model/schema.js';
import type { Diagnostics } from '../model/diagnostics.js';
import { zodProblems } from './zod-problems.js';
import { commentedValue, misindentedKey } from './yaml-mistakes.js';

export interface YamlRead<T> {
  value: T;
  /** Where a value stands in the file, e.g. locate(['remove', 0]). */
  locate: (path: (string | number)[]) => SourcePos;
}

/**
 * `firstLine`: the file line the YAML text starts on (front matter starts below its "---"), so
 * positions name the line in the file, not in the YAML.
 */
export function readYaml<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  diag: Diagnostics,
  firstLine = 1,
  what?: string,
): YamlRead<z.infer<S>> | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number): SourcePos => {
    const lp = lineCounter.linePos(offset);
    return { file, line: lp.line + firstLine - 1, column: lp.col };
  };
  if (doc.errors.length) {
    // A key indented wrongly gives one line saying how far to indent it (the parser gives one or two of its own).
    const indent = misindentedKey(
      text,
      doc.errors.map((e) => ({ code: e.code, line: lineCounter.linePos(e.pos[0]).line - 1 })),
    );
    if (indent) {
      diag.error({ file, line: indent.line + firstLine, column: indent.column }, indent.problem);
      return null;
    }
    for (const err of doc.errors)
      diag.error(
        at(err.pos[0]),
        `${what ? `${what} is ` : ''}not valid YAML (${err.message.split('\n')[0]})`,
        '"key: value" lines',
      );
    return null;
  }
  const data = doc.toJS();
  const result = schema.safeParse(data);
  if (result.success) {
    const locate = (path: (string | number)[]) => {
      const node = doc.getIn(path, true);
      return at(isNode(node) && node.range ? node.range[0] : 0);
    };
    return { value: result.data, locate };
  }
  for (const p of zodProblems(result.error, data)) {
    let node: unknown = null;
    // Point at the key itself where there is one, else at the closest parent that exists.
    const parent = p.path.length > 1 ? doc.getIn(p.path.slice(0, -1), true) : doc.contents;
    if (isMap(parent))
      node =
        parent.items.find((pair) => isScalar(pair.key) && pair.key.value === p.path[p.path.length - 1])?.key ?? null;
    const pair = isMap(parent)
      ? parent.items.find((x) => isScalar(x.key) && x.key.value === p.path[p.path.length - 1])
      : undefined;
    for (let n = p.path.length; n >= 0 && !node; n--) node = n ? doc.getIn(p.path.slice(0, n), true) : doc.contents;
    const pos = at(isNode(node) && node.range ? node.range[0] : 0);
    // `coverColor: #00695c`: the value was read as a comment (null); say to quote it.
    const empty = pair && (pair.value == null || (isScalar(pair.value) && pair.value.value === null));
    const quote = empty
      ? commentedValue(text.split('\n')[pos.line - firstLine] ?? '', String(p.path[p.path.length - 1]))
      : null;
    if (quote) diag.error(pos, quote);
    else diag.error(pos, p.problem, p.expected);
  }
  return null;
}
