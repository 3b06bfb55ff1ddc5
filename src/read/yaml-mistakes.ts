// What the YAML parser's errors mean for someone editing edition.yaml by hand, in one line each: a key indented
// differently from the keys around it, and a value that starts with "#" (YAML reads it as a comment).

interface KeyLine {
  index: number;
  indent: number;
  key: string;
  /** Has something after "key:" on its line (so it holds a value, not keys below it). */
  value: boolean;
}

function keyLine(line: string, index: number): KeyLine | null {
  const m = line.match(/^( *)([^\s#:-][^:]*?|"[^"]*"|'[^']*'):(\s+(.*))?$/);
  if (!m) return null;
  return { index, indent: m[1].length, key: m[2].replace(/^["']|["']$/g, ''), value: !!m[4] && !m[4].startsWith('#') };
}

const spaces = (n: number) => (n === 0 ? 'not indented' : `${n} space${n === 1 ? '' : 's'}`);

/**
 * The one problem behind the parser's indentation errors (it gives two for a key indented too far, and names the line
 * above), or null when the errors are about something else. `errorLine`: the 0-based line the first error is on.
 */
export function misindentedKey(
  text: string,
  errors: { code: string; line: number }[],
): { line: number; column: number; problem: string } | null {
  const first = errors.find((e) => ['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY'].includes(e.code));
  if (!first) return null;
  const lines = text.split('\n');
  const meaningful = (i: number) =>
    lines[i] !== undefined && lines[i].trim() !== '' && !lines[i].trim().startsWith('#');
  // BAD_INDENT names the key's own line; the others name the line above it (the key that already has a value).
  let at = first.line;
  if (first.code !== 'BAD_INDENT') for (at = first.line + 1; at < lines.length && !meaningful(at); at++);
  const bad = lines[at] !== undefined ? keyLine(lines[at], at) : null;
  if (!bad) return null;
  const above: KeyLine[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const k = meaningful(i) ? keyLine(lines[i], i) : null;
    if (k) above.push(k);
  }
  const prev = above[0];
  if (!prev) return null;
  const pos = { line: at, column: bad.indent + 1 };
  if (bad.indent > prev.indent && prev.value) {
    return {
      ...pos,
      problem: `"${bad.key}" is indented further than "${prev.key}" on the line above, which holds a value; indent "${bad.key}" as far as "${prev.key}" (${spaces(prev.indent)})`,
    };
  }
  // The keys it could belong with: the line above and the keys enclosing it, each less indented than the last.
  const chain: KeyLine[] = [];
  for (const k of above) if (!chain.length || k.indent < chain[chain.length - 1].indent) chain.push(k);
  const options = chain.filter((k) => k.indent !== bad.indent).map((k) => `"${k.key}" (${spaces(k.indent)})`);
  return {
    ...pos,
    problem: `"${bad.key}" is indented ${bad.indent} space${bad.indent === 1 ? '' : 's'}, like no key above it; indent it as far as ${options.join(' or ')}`,
  };
}

/** For a key whose value YAML read as a comment (`coverColor: #00695c`): what to write instead, or null. */
export function commentedValue(line: string, key: string): string | null {
  const m = line.match(/^\s*[^:]+:\s+(#\S*)/);
  if (!m) return null;
  const what = /colou?r/i.test(key) ? 'the colour' : 'the value';
  return `YAML reads "${m[1]}" as a comment, so "${key}" has no value; put ${what} in quotes: ${key}: "${m[1]}"`;
}
