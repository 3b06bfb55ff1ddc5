// pdfmake 0.3.11 looks a style property up ~22 times per word it measures (font, bold, size, colour, …), and each
// lookup allocates: a closure for the stack, a closure and a Set per named style on it. That garbage was a third of
// all a layout allocates. The same lookups, with the same answers, without allocating: the item is not pushed on
// the stack and popped again, its own styles are read in the order the stack would read them. And while a text's
// words are measured the stack does not change (nothing is pushed; the words are new objects, not on it): each
// property is looked up in it once per text, not once per word.
//
// Measuring the words then looks their 20-odd properties up again for each word (TextInlines.measure), though the
// words of one text carry the same copy of its style (TextBreaker copies it onto each): the words of a text take the
// answers of the text's first word, and only their widths are measured one by one (a sixth of the layout's time).
import { checkVersion, lib, wrap, type Any } from './pdfmake-internals.js';

const isValue = (v: unknown) => v !== undefined && v !== null;
const isString = (v: unknown) => typeof v === 'string' || v instanceof String;

/** A named style's property, following `extends` (the visited set only where a style extends another). */
function fromNamed(dict: Any, name: Any, property: string, visited: Set<Any> | undefined): Any {
  if (visited?.has(name)) return undefined;
  const style = dict[name];
  if (!style) return undefined;
  const value = style[property];
  if (isValue(value)) return value;
  if (style.extends) {
    // pdfmake's visited set holds every name seen before this one; the only ones that matter are those that extend.
    visited ??= new Set();
    visited.add(name);
    const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
    for (let i = parents.length - 1; i >= 0; i--) {
      const inherited = fromNamed(dict, parents[i], property, visited);
      if (isValue(inherited)) return inherited;
    }
  }
  return undefined;
}

/** One entry of a style stack: a style's name or an object of overrides. */
function fromEntry(dict: Any, entry: Any, property: string): Any {
  return isString(entry) ? fromNamed(dict, entry, property, undefined) : entry[property];
}

/** pdfmake's own TextInlines.measure, kept on its prototype (test/word-styles.test.ts draws with it to compare). */
export const PDFMAKE_MEASURE = Symbol.for('competency-guidelines.pdfmake-measure');

/** The style a word was given a copy of (TextBreaker.getBreaks: the same object for every word of one text). */
const SOURCE = Symbol('style source');

/** The style properties measure() gives each inline, in its order; `fontSize` after the sup/sub reduction. */
interface Looked {
  font: Any;
  alignment: Any;
  fontSize: number;
  fontFeatures: Any;
  characterSpacing: Any;
  color: Any;
  decoration: Any;
  decorationColor: Any;
  decorationStyle: Any;
  decorationThickness: Any;
  background: Any;
  link: Any;
  linkToPage: Any;
  linkToDestination: Any;
  noWrap: Any;
  opacity: Any;
  sup: Any;
  sub: Any;
  height: number;
  preserveLeadingSpaces: Any;
  preserveTrailingSpaces: Any;
}

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/**
 * pdfmake 0.3.11's TextInlines.measure, each lookup made once for the words of one text. `self` is the TextInlines
 * (its pdfDocument and widthOfText).
 */
function measure(self: Any, array: Any[], stack: Any, get: (item: Any, p: string, d: Any) => Any): Any[] {
  if (array.length) {
    const leadingIndent = get(array[0], 'leadingIndent', 0);
    if (leadingIndent) {
      array[0].leadingCut = -leadingIndent;
      array[0].leadingIndent = leadingIndent;
    }
  }
  let source: unknown;
  let looked: Looked | undefined;
  for (const item of array) {
    if (!looked || item[SOURCE] === undefined || item[SOURCE] !== source) {
      const font = get(item, 'font', 'Roboto');
      const bold = get(item, 'bold', false);
      const italics = get(item, 'italics', false);
      const l = {
        font: self.pdfDocument.provideFont(font, bold, italics),
        alignment: get(item, 'alignment', 'left'),
        fontSize: get(item, 'fontSize', 12),
        fontFeatures: get(item, 'fontFeatures', null),
        characterSpacing: get(item, 'characterSpacing', 0),
        color: get(item, 'color', 'black'),
        decoration: get(item, 'decoration', null),
        decorationColor: get(item, 'decorationColor', null),
        decorationStyle: get(item, 'decorationStyle', null),
        decorationThickness: get(item, 'decorationThickness', null),
        background: get(item, 'background', null),
        link: get(item, 'link', null),
        linkToPage: get(item, 'linkToPage', null),
        linkToDestination: get(item, 'linkToDestination', null),
        noWrap: get(item, 'noWrap', null),
        opacity: get(item, 'opacity', 1),
        sup: get(item, 'sup', false),
        sub: get(item, 'sub', false),
        height: 0,
        preserveLeadingSpaces: false,
        preserveTrailingSpaces: false,
      } as Looked;
      // font size reduction taken from here: https://en.wikipedia.org/wiki/Subscript_and_superscript#Desktop_publishing
      if (l.sup || l.sub) l.fontSize *= 0.58;
      const lineHeight = get(item, 'lineHeight', 1);
      l.height = l.font.lineHeight(l.fontSize) * lineHeight;
      l.preserveLeadingSpaces = get(item, 'preserveLeadingSpaces', false);
      l.preserveTrailingSpaces = get(item, 'preserveTrailingSpaces', false);
      looked = l;
      source = item[SOURCE];
    }
    item.font = looked.font;
    item.alignment = looked.alignment;
    item.fontSize = looked.fontSize;
    item.fontFeatures = looked.fontFeatures;
    item.characterSpacing = looked.characterSpacing;
    item.color = looked.color;
    item.decoration = looked.decoration;
    item.decorationColor = looked.decorationColor;
    item.decorationStyle = looked.decorationStyle;
    item.decorationThickness = looked.decorationThickness;
    item.background = looked.background;
    item.link = looked.link;
    item.linkToPage = looked.linkToPage;
    item.linkToDestination = looked.linkToDestination;
    item.noWrap = looked.noWrap;
    item.opacity = looked.opacity;
    item.sup = looked.sup;
    item.sub = looked.sub;
    item.width = self.widthOfText(item.text, item);
    item.height = looked.height;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!looked.preserveLeadingSpaces) {
      const leadingSpaces = item.text.match(LEADING);
      if (leadingSpaces) item.leadingCut += self.widthOfText(leadingSpaces[0], item);
    }
    item.trailingCut = 0;
    if (!looked.preserveTrailingSpaces) {
      const trailingSpaces = item.text.match(TRAILING);
      if (trailingSpaces) item.trailingCut = self.widthOfText(trailingSpaces[0], item);
    }
  }
  return array;
}

export function installStyleLookup(): void {
  checkVersion();
  const StyleContextStack = lib('StyleContextStack');
  const TextInlines = lib('TextInlines');

  StyleContextStack.prototype.getProperty = function (this: Any, property: string): Any {
    const overrides: Any[] | undefined = this.styleOverrides;
    if (overrides) {
      for (let i = overrides.length - 1; i >= 0; i--) {
        const value = fromEntry(this.styleDictionary, overrides[i], property);
        if (isValue(value)) return value;
      }
    }
    return this.defaultStyle && this.defaultStyle[property];
  };

  // What pdfmake does by pushing the item (autopush: its named styles, then the item itself), reading the stack
  // top down and popping: the item's own value, its styles last first, then the stack.
  StyleContextStack.getStyleProperty = function (item: Any, stack: Any, property: string, defaultValue: Any): Any {
    const own = item[property];
    if (isValue(own)) return own;
    if (!stack) return defaultValue;
    if (!isString(item) && typeof item.section === 'undefined' && item.style) {
      const dict = stack.styleDictionary;
      if (Array.isArray(item.style)) {
        for (let i = item.style.length - 1; i >= 0; i--) {
          const value = fromEntry(dict, item.style[i], property);
          if (isValue(value)) return value;
        }
      } else {
        const value = fromEntry(dict, item.style, property);
        if (isValue(value)) return value;
      }
    }
    const value = stack.getProperty(property);
    return isValue(value) ? value : defaultValue;
  };

  // Each word marked with the style it was given a copy of (TextBreaker's only use of copyStyle with a destination).
  const copyStyle = StyleContextStack.copyStyle;
  StyleContextStack.copyStyle = function (source: Any, destination: Any): Any {
    const copy = copyStyle.call(this, source, destination);
    if (destination && source && typeof source === 'object') copy[SOURCE] = source;
    return copy;
  };
  if (typeof TextInlines.prototype.measure !== 'function')
    throw new Error('pdfmake: TextInlines.measure not found; src/write/pdf/style-lookup.ts needs updating');
  TextInlines.prototype[PDFMAKE_MEASURE] ??= TextInlines.prototype.measure;
  TextInlines.prototype.measure = function (this: Any, array: Any[], stack: Any): Any[] {
    return measure(this, array, stack, (item, property, defaultValue) =>
      StyleContextStack.getStyleProperty(item, stack, property, defaultValue),
    );
  };

  const getProperty = StyleContextStack.prototype.getProperty;
  wrap(TextInlines.prototype, 'buildInlines', (original, self, args) => {
    const stack = args[1];
    if (!stack || Object.hasOwn(stack, 'getProperty')) return original.apply(self, args);
    const known = new Map<string, Any>();
    stack.getProperty = (property: string) => {
      if (known.has(property)) return known.get(property);
      const value = getProperty.call(stack, property);
      known.set(property, value);
      return value;
    };
    try {
      return original.apply(self, args);
    } finally {
      delete stack.getProperty;
    }
  });
}
