// A WordprocessingML part as a small element tree (sax does the parsing), and helpers to read w: elements and attributes.
// Shared by the Word writer (which builds its parts as these trees, paginates them and writes them out) and the importer
// of Word booklets.
import sax from 'sax';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
  /** Written with an end tag even when empty (a built w:t). */
  open?: boolean;
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

// --- Building: the Word writer makes its parts as element trees and writes them out here. ---

/** An element to build: `text` is its content; `open` writes `<x></x>` for empty content (as docx writes w:t). */
export function el(name: string, attrs: Record<string, string | number | undefined> = {}, children: El[] = []): El {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) a[k] = String(v);
  return { name, attrs: a, children, text: '' };
}

/** An element holding text (w:t, w:instrText): always written with an end tag, as docx writes it. */
export function textEl(name: string, attrs: Record<string, string | number | undefined>, text: string): El {
  return { ...el(name, attrs), text, open: true };
}

// What docx's XML writer escaped, so the Word files stay byte-identical: text/escape.ts's four and `'`, and the
// control characters XML 1.0 cannot hold, dropped (the mail merge's template filling keeps text/escape.ts's escapeXml).
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
export const escapeWordml = (s: string): string =>
  s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');

/**
 * Writes an element tree as XML. A `#raw` or `#hole` element writes its text as it is: XML made elsewhere, or a
 * hole a kept part leaves for its document (write/docx/holes.ts).
 */
export function writeXml(e: El): string {
  if (e.name === '#raw' || e.name === '#hole') return e.text;
  let s = `<${e.name}`;
  for (const k in e.attrs) s += ` ${k}="${escapeWordml(e.attrs[k])}"`;
  if (e.children.length === 0 && e.text === '' && !e.open) return `${s}/>`;
  s += '>';
  if (e.text !== '') s += escapeWordml(e.text);
  for (const c of e.children) s += writeXml(c);
  return `${s}</${e.name}>`;
}

export const raw = (xml: string): El => ({ name: '#raw', attrs: {}, children: [], text: xml });
