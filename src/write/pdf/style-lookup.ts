// pdfmake 0.3.11 looks a style property up ~22 times per word it measures (font, bold, size, colour, …), and each
// lookup allocates: a closure for the stack, a closure and a Set per named style on it. That garbage was a third of
// all a layout allocates. The same lookups, with the same answers, without allocating: the item is not pushed on
// the stack and popped again, its own styles are read in the order the stack would read them. And while a text's
// words are measured the stack does not change (nothing is pushed; the words are new objects, not on it): each
// property is looked up in it once per text, not once per word.
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

export function installStyleLookup(): void {
  checkVersion();
  const StyleContextStack = lib('StyleContextStack');

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

  const getProperty = StyleContextStack.prototype.getProperty;
  wrap(lib('TextInlines').prototype, 'buildInlines', (original, self, args) => {
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
