// Hooks into pdfmake 0.3.11's layout and renderer that carry the nodes' structure tags into the PDF.
//
// pdfmake tags nothing (its `tagged: true` only writes an empty structure tree that claims to be
// tagged). Its layout is worth keeping, so instead of a copy of its renderer, a few of its methods
// are wrapped here (a patch in our source, checked against the pinned version):
// - LayoutBuilder.processNode: entering a tagged node opens its structure element (session.ts);
// - ElementWriter.addLine / addImage: each laid-out line or image remembers the element it is in;
// - PageElementWriter.moveToNextPage: table header rows repeated on a new page are Artifacts;
// - LayoutBuilder's header, footer and background: Artifacts;
// - Renderer.renderLine / renderVector / renderImage: each item is drawn inside marked content
//   (`/P <</MCID n>> BDC … EMC`) or as an Artifact; links drawn with a line belong to its element.
// The session is the run's (pdfmake-run.ts), found on the LayoutBuilder, its writer and the pdfkit document. Elsewhere
// (no session: measuring, or a document rendered without tagging) the hooks do nothing.
import { checkVersion, lib, wrap, type Any } from '../pdfmake-internals.js';
import type { Element } from './session.js';
import { runOf } from '../pdfmake-run.js';
import { ONE_BY_ONE } from '../line-runs.js';
import type { Tag } from './tags.js';

export function installTaggingHooks(): void {
  checkVersion();
  const LayoutBuilder = lib('LayoutBuilder');
  const ElementWriter = lib('ElementWriter');
  const PageElementWriter = lib('PageElementWriter');
  const Renderer = lib('Renderer');

  // --- layout ---
  wrap(LayoutBuilder.prototype, 'tryLayoutDocument', (original, self, args) => {
    const s = runOf(self)?.tags;
    if (s) s.stack = [s.root];
    return original.apply(self, args);
  });
  wrap(LayoutBuilder.prototype, 'processNode', (original, self, args) => {
    const s = runOf(self)?.tags;
    const opened = s ? s.enter(args[0]?.pdfTag as Tag | undefined) : 0;
    try {
      return original.apply(self, args);
    } finally {
      s?.leave(opened);
    }
  });
  for (const furniture of ['addHeadersAndFooters', 'addBackground', 'addWatermark']) {
    if (typeof LayoutBuilder.prototype[furniture] !== 'function') continue;
    wrap(LayoutBuilder.prototype, furniture, (original, self, args) => {
      const s = runOf(self)?.tags;
      if (!s) return original.apply(self, args);
      const saved = s.stack;
      s.stack = [s.artifact];
      try {
        return original.apply(self, args);
      } finally {
        s.stack = saved;
      }
    });
  }
  wrap(ElementWriter.prototype, 'addLine', (original, self, args) => {
    const s = runOf(self)?.tags;
    if (!s) return original.apply(self, args);
    s.lineDepth++;
    try {
      args[0].pdfElement = s.lineOwner();
      return original.apply(self, args);
    } finally {
      s.lineDepth--;
    }
  });
  wrap(ElementWriter.prototype, 'addImage', (original, self, args) => {
    const s = runOf(self)?.tags;
    if (s) args[0].pdfElement = s.stack[s.stack.length - 1];
    return original.apply(self, args);
  });
  for (const turn of ['moveToNextPage', 'moveToNextColumn']) {
    wrap(PageElementWriter.prototype, turn, (original, self, args) => {
      const s = runOf(self)?.tags;
      if (s) s.repeating++;
      try {
        return original.apply(self, args);
      } finally {
        if (s) s.repeating--;
      }
    });
  }
  wrap(PageElementWriter.prototype, 'addFragment', (original, self, args) => {
    const s = runOf(self)?.tags;
    if (s && s.repeating > 0) {
      // A repeated header row: the header is in the structure once, where it was first laid out.
      const [fragment, ...rest] = args;
      const items = fragment.items.map((it: Any) =>
        it.type === 'line'
          ? { type: 'line', item: Object.assign(it.item.clone(), { pdfElement: s.artifact }) }
          : it.type === 'image'
            ? { type: 'image', item: { ...it.item, pdfElement: s.artifact } }
            : it,
      );
      return original.call(self, { ...fragment, items }, ...rest);
    }
    return original.apply(self, args);
  });
  // --- drawing ---
  wrap(Renderer.prototype, 'renderPages', (original, self, args) => {
    const s = runOf(self.pdfDocument)?.tags;
    if (!s) return original.apply(self, args);
    const doc = self.pdfDocument;
    const addPage = doc.addPage;
    let index = 0;
    doc.addPage = function (...a: Any[]) {
      s.close(doc);
      const result = addPage.apply(this, a);
      s.startPage(doc, index++);
      return result;
    };
    try {
      return original.apply(self, args);
    } finally {
      s.close(doc);
      doc.addPage = addPage;
    }
  });
  wrap(Renderer.prototype, 'renderLine', (original, self, args) => {
    const s = runOf(self.pdfDocument)?.tags;
    if (!s) return original.apply(self, args);
    const line = args[0];
    const owner: Element | undefined = line.pdfElement;
    const text = line.inlines.map((i: Any) => i.text).join('');
    const annots = self.pdfDocument.page.annotations;
    const before = annots.length;
    let result: Any;
    if (s.reordered(owner, text)) {
      // pdfkit writes one text object per inline that has text.
      const texts = line.inlines
        .map((i: Any) => String(i.text ?? '').replace(/\n/g, ''))
        .filter((t: string) => t.length > 0);
      line[ONE_BY_ONE] = true;
      s.drawReordered(self.pdfDocument, owner!, texts, () => (result = original.apply(self, args)));
    } else {
      s.mark(self.pdfDocument, owner, text);
      result = original.apply(self, args);
    }
    s.annotations(owner, before, annots.length);
    return result;
  });
  for (const artifact of ['renderVector', 'renderSVG', 'renderAttachment', 'renderWatermark']) {
    wrap(Renderer.prototype, artifact, (original, self, args) => {
      runOf(self.pdfDocument)?.tags?.mark(self.pdfDocument, undefined);
      return original.apply(self, args);
    });
  }
  wrap(Renderer.prototype, 'renderImage', (original, self, args) => {
    runOf(self.pdfDocument)?.tags?.mark(self.pdfDocument, args[0].pdfElement);
    return original.apply(self, args);
  });
  // A clip is a q … Q pair: marked content does not straddle it.
  for (const state of ['beginClip', 'endClip', 'beginVerticalAlignment', 'endVerticalAlignment']) {
    wrap(Renderer.prototype, state, (original, self, args) => {
      runOf(self.pdfDocument)?.tags?.close(self.pdfDocument);
      return original.apply(self, args);
    });
  }
}
