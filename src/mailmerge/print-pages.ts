// A packet's pages for the print file, compiled where they are already parsed: the applicant's pages in the applicant
// thread (from the parse that joins them to the shared packet), the shared pages once per edition and level. The print
// file is then written by filling in object numbers (print-file-writer.ts), without parsing anything again.
//
// The pages go without their form fields and links (Annots) and their claim to structure (StructParents): a print
// file is for the printer. Everything else the pages reach (content, fonts, images) comes along, as pdf-lib's
// copyPages would bring it.
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';

/**
 * Objects back to back in `data`; object i is data[objStart[i] … objStart[i + 1]). A reference in it is a hole: at
 * data index holeAt[h] the object number of the object holeRef[h] goes (or the page tree's, for PARENT), for h from
 * holeFirst[i] to holeFirst[i + 1] - 1. The pages are objects too (`pages`), with their sizes (width, height).
 * Plain arrays: they move between threads without copying.
 */
export interface PrintPages {
  data: Uint8Array;
  objStart: Int32Array;
  holeFirst: Int32Array;
  holeAt: Int32Array;
  holeRef: Int32Array;
  pages: Int32Array;
  sizes: Float64Array;
}

/** The hole of a page's /Parent: the print file's page tree. */
export const PARENT = -1;

/** A reference no document holds (PDF object numbers stay below 8,388,608): stands for the print file's page tree. */
const PARENT_REF = PDFRef.of(2 ** 31 - 1);
const SKIP = new Set(['Parent', 'Annots', 'StructParents'].map((k) => PDFName.of(k)));
/** What a page may inherit from the page tree: put on the page itself, as pdf-lib's copyPages does. */
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map((k) => PDFName.of(k));

class Bytes {
  private readonly chunks: (string | Uint8Array)[] = [];
  private text = '';
  private length = 0;

  get at(): number {
    return this.length + this.text.length;
  }

  str(s: string): void {
    this.text += s;
  }

  bytes(b: Uint8Array): void {
    this.flush();
    this.chunks.push(b);
    this.length += b.length;
  }

  private flush(): void {
    if (!this.text) return;
    this.chunks.push(this.text);
    this.length += this.text.length;
    this.text = '';
  }

  done(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      // pdf-lib's strings of PDF syntax hold one byte per character.
      if (typeof c === 'string') at += Buffer.from(out.buffer, out.byteOffset + at, c.length).write(c, 'latin1');
      else {
        out.set(c, at);
        at += c.length;
      }
    }
    return out;
  }
}

/** The pages of `pdf` and all they reach, compiled. */
export function printPagesOf(pdf: PDFDocument): PrintPages {
  const out = new Bytes();
  const objects: PDFObject[] = [];
  const index = new Map<PDFRef, number>();
  const numberOf = (ref: PDFRef): number => {
    let i = index.get(ref);
    if (i === undefined) {
      index.set(ref, (i = objects.length));
      objects.push(pdf.context.lookup(ref) ?? null!);
    }
    return i;
  };
  const objStart: number[] = [];
  const holeFirst: number[] = [];
  const holeAt: number[] = [];
  const holeRef: number[] = [];

  const write = (obj: PDFObject | undefined): void => {
    if (obj instanceof PDFRef) {
      out.str(' ');
      holeAt.push(out.at);
      holeRef.push(obj === PARENT_REF ? PARENT : numberOf(obj));
      out.str(' 0 R');
    } else if (obj instanceof PDFDict) {
      writeEntries(obj.entries());
    } else if (obj instanceof PDFArray) {
      out.str(' [');
      for (let i = 0; i < obj.size(); i++) write(obj.get(i));
      out.str(' ]');
    } else if (obj instanceof PDFStream) {
      // With its length as it is now (a parsed stream's as read; the dictionary may have held it indirectly).
      (obj as unknown as { updateDict(): void }).updateDict();
      write(obj.dict);
      out.str('\nstream\n');
      out.bytes(obj.getContents());
      out.str('\nendstream');
    } else {
      out.str(' ' + (obj === undefined || obj === null ? 'null' : obj.toString()));
    }
  };
  const writeEntries = (entries: [PDFName, PDFObject][]): void => {
    out.str(' <<');
    for (const [key, value] of entries) {
      out.str(' ' + key.toString());
      write(value);
    }
    out.str(' >>');
  };
  const begin = () => {
    objStart.push(out.at);
    holeFirst.push(holeAt.length);
  };

  const pages = pdf.getPages();
  const sizes = new Float64Array(pages.length * 2);
  // The pages first: objects 0 … pages - 1.
  for (const page of pages) numberOf(page.ref);
  pages.forEach((page, p) => {
    begin();
    const node = page.node;
    const entries = node.entries().filter(([key]) => !SKIP.has(key));
    for (const key of INHERITED) {
      const value = node.get(key) ? undefined : node.getInheritableAttribute(key);
      if (value) entries.push([key, value]);
    }
    entries.push([PDFName.of('Parent'), PARENT_REF]);
    writeEntries(entries);
    sizes[2 * p] = page.getWidth();
    sizes[2 * p + 1] = page.getHeight();
  });
  for (let i = pages.length; i < objects.length; i++) {
    const obj = objects[i];
    if (obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('Pages'))
      throw new Error("a page's resources reach the page tree; expected pages that stand alone");
    begin();
    write(obj);
  }
  begin();
  return {
    data: out.done(),
    objStart: Int32Array.from(objStart),
    holeFirst: Int32Array.from(holeFirst),
    holeAt: Int32Array.from(holeAt),
    holeRef: Int32Array.from(holeRef),
    pages: Int32Array.from(pages, (_, i) => i),
    sizes,
  };
}
