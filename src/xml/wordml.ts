// A WordprocessingML part as a small element tree (sax does the parsing), and helpers to read w: elements and attributes.
// Shared by the Word writer (which reads its own output back to paginate it) and the importer of Word booklets.
import sax from 'sax';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** What to do with a DOCTYPE (refuse it, for files from outside: no entity is ever read) and with malformed XML. */
export interface ParseHandlers {
  doctype?: () => never;
  error?: (e: Error) => never;
}

export function parseXml(xml: string, on: ParseHandlers = {}): El {
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  const p = sax.parser(true, {});
  p.onopentag = (tag) => {
    const el: El = { name: tag.name, attrs: tag.attributes, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  };
  p.onclosetag = () => void stack.pop();
  p.ontext = (t) => {
    stack[stack.length - 1].text += t;
  };
  if (on.doctype) p.ondoctype = on.doctype;
  p.onerror = (e) => {
    throw on.error ? on.error(e) : e;
  };
  p.write(xml).close();
  return root;
}

export const child = (el: El | undefined, name: string): El | undefined => el?.children.find((c) => c.name === name);
export const kids = (el: El | undefined, name: string): El[] => el?.children.filter((c) => c.name === name) ?? [];
export const attr = (el: El | undefined, name = 'w:val'): string | undefined => el?.attrs[name];
export const num = (el: El | undefined, name = 'w:val'): number | undefined => {
  const v = attr(el, name);
  return v === undefined ? undefined : Number(v);
};
/** An on/off property: present and not "false"/"0". */
export const onOff = (el: El | undefined): boolean | undefined => {
  if (!el) return undefined;
  const v = attr(el);
  return !(v === 'false' || v === '0' || v === 'off');
};
