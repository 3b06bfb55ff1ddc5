// A WordprocessingML part as a small element tree (sax does the parsing), and helpers to read w: elements and attributes.
import sax from 'sax';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

export function parseXml(xml: string): El {
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
  p.onerror = (e) => {
    throw e;
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
