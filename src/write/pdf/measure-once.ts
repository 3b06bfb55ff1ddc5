// pdfmake measures the whole document again for every layout pass (a heading kept off the foot of a page by
// pageBreakBefore costs a second pass), and measuring gives the same result each time. What a pass uses up or
// moves is restored instead: each text node's inlines (shifted off as lines are made) and each list marker's
// shape (moved into place when drawn). All 124 outputs of the build are byte-identical with and without it.
// Keeping that costs a copy of every inline, and most documents are laid out in one pass (3 of 131 in the forced
// build take another): it is kept from a document's second pass on, which measures once more.
import { checkVersion, lib, wrap, type Any } from './pdfmake-internals.js';

export function installMeasureOnce(): void {
  checkVersion();
  const DocMeasure = lib('DocMeasure');
  interface Measured {
    inlines: Map<Any, Any[]>;
    markers: Map<Any, Any[]>;
  }
  // Kept on the document's own content array: nothing of one document stays in the module.
  const MEASURED = Symbol('measured');
  /** Marks a document measured once (its first pass), nothing kept. */
  const SEEN = Symbol('seen');
  const nodesOf = (root: Any): { text: Any[]; marked: Any[] } => {
    const text: Any[] = [];
    const marked: Any[] = [];
    const seen = new Set<Any>();
    const walk = (node: Any) => {
      if (!node || typeof node !== 'object' || seen.has(node)) return;
      seen.add(node);
      if (Array.isArray(node)) return node.forEach(walk);
      if (node.text !== undefined) text.push(node);
      if (Array.isArray(node.listMarker?.canvas)) marked.push(node);
      for (const key of ['stack', 'columns', 'ul', 'ol', 'table', 'body', 'toc', '_table', 'title', 'section'])
        walk(node[key]);
    };
    walk(root);
    return { text, marked };
  };
  const copies = (list: Any[]) => list.map((o) => ({ ...o }));
  wrap(DocMeasure.prototype, 'measureDocument', (original, self, args) => {
    // The preprocessor wraps the content array in a new stack each pass: the array is the document.
    const key = args[0]?.stack ?? args[0];
    const known: Measured | undefined = key?.[MEASURED];
    if (known) {
      const { text, marked } = nodesOf(args[0]);
      if (text.every((n) => known.inlines.has(n)) && marked.every((n) => known.markers.has(n))) {
        for (const n of text) n._inlines = copies(known.inlines.get(n)!);
        for (const n of marked) n.listMarker.canvas = copies(known.markers.get(n)!);
        return args[0];
      }
    }
    const result = original.apply(self, args);
    if (!key[SEEN]) {
      key[SEEN] = true;
      return result;
    }
    const { text, marked } = nodesOf(result);
    key[MEASURED] = {
      inlines: new Map(text.filter((n) => Array.isArray(n._inlines)).map((n) => [n, copies(n._inlines)])),
      markers: new Map(marked.map((n) => [n, copies(n.listMarker.canvas)])),
    } satisfies Measured;
    return result;
  });
}
