// An XML part laid out one element a line, indented by depth (sax reads it), so that a golden file's diff shows the
// element that changed. An element holding only text stays on one line: `<w:t>text</w:t>`.
import sax from 'sax';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => escText(s).replace(/"/g, '&quot;');

export function prettyXml(xml: string): string {
  const parser = sax.parser(true, {});
  const root: El = { name: '', attrs: {}, children: [] };
  const stack: El[] = [root];
  // The XML declaration as written (sax reads past it).
  const declaration = /^<\?xml[^>]*\?>/.exec(xml)?.[0].concat('\n') ?? '';
  parser.onopentag = (tag) => {
    const el: El = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [] };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => void stack[stack.length - 1].children.push(t);
  parser.onerror = (e) => {
    throw e;
  };
  parser.write(xml).close();

  const lines: string[] = [];
  const print = (el: El, depth: number) => {
    const pad = '  '.repeat(depth);
    const open = `<${el.name}${Object.entries(el.attrs)
      .map(([k, v]) => ` ${k}="${escAttr(v)}"`)
      .join('')}`;
    if (el.children.length === 0) lines.push(`${pad}${open}/>`);
    else if (el.children.every((c) => typeof c === 'string'))
      lines.push(`${pad}${open}>${escText(el.children.join(''))}</${el.name}>`);
    else {
      lines.push(`${pad}${open}>`);
      for (const c of el.children) {
        if (typeof c !== 'string') print(c, depth + 1);
        else if (c.trim()) lines.push(`${pad}  ${escText(c)}`);
      }
      lines.push(`${pad}</${el.name}>`);
    }
  };
  for (const c of root.children) if (typeof c !== 'string') print(c, 0);
  return declaration + lines.join('\n') + '\n';
}
