// Copies the pages of one tagged PDF into another with their structure, so the result has one
// structure tree (pdf-lib's copyPages drops it: pages and annotations would point at nothing).
//
// The copied pages' elements become the first children of the target's Document element, and
// their parent-tree entries are renumbered after the target's. The change can be undone, so the
// mail merge can put one applicant's pages in front of the shared packet, save, and take them out.
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  type PDFDocument,
} from '@cantoo/pdf-lib';

export interface CopiedPages {
  pages: PDFPage[];
  /** Objects of the target changed in place (an incremental save must carry them). */
  changed: PDFDict[];
  undo(): void;
}

const K = PDFName.of('K');
const P = PDFName.of('P');
const STRUCT_TREE_ROOT = PDFName.of('StructTreeRoot');
const PARENT_TREE = PDFName.of('ParentTree');
const NUMS = PDFName.of('Nums');
const NEXT_KEY = PDFName.of('ParentTreeNextKey');
const STRUCT_PARENTS = PDFName.of('StructParents');
const STRUCT_PARENT = PDFName.of('StructParent');

function shiftKey(dict: PDFDict, key: PDFName, by: number): void {
  const n = dict.lookupMaybe(key, PDFNumber);
  if (n) dict.set(key, PDFNumber.of(n.asNumber() + by));
}

/** `append`: the copied elements go after the target's (default: before them); `copier`: one the caller copies more with. */
export function copyTaggedPages(
  dest: PDFDocument,
  src: PDFDocument,
  opts: { append?: boolean; copier?: PDFObjectCopier } = {},
): CopiedPages {
  const copier = opts.copier ?? PDFObjectCopier.for(src.context, dest.context);
  const srcRoot = src.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
  const destRoot = dest.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
  // The source's top elements are re-parented in the target: cut their link to the source's tree
  // first, or the copier would bring the source's whole tree and page tree along.
  const srcTop = srcRoot?.lookup(K, PDFDict).lookup(K, PDFArray);
  for (let i = 0; srcTop && destRoot && i < srcTop.size(); i++) srcTop.lookup(i, PDFDict).delete(P);

  const pages = src.getPages().map((page) => {
    const ref = copier.copy(page.ref) as PDFRef;
    return PDFPage.of(dest.context.lookup(ref) as PDFPageLeaf, ref, dest);
  });
  if (!srcRoot || !destRoot || !srcTop) {
    for (const page of pages) page.node.delete(STRUCT_PARENTS);
    return { pages, changed: [], undo: () => {} };
  }

  const documentRef = destRoot.get(K) as PDFRef;
  const document = dest.context.lookup(documentRef, PDFDict);
  const kids = document.lookup(K, PDFArray);
  const copiedTop = srcTop.asArray().map((ref) => copier.copy(ref) as PDFRef);
  const at = opts.append ? kids.size() : 0;
  copiedTop.forEach((ref, i) => {
    dest.context.lookup(ref, PDFDict).set(P, documentRef);
    kids.insert(at + i, ref);
  });

  // Parent-tree keys: the source's, after the target's.
  const offset = destRoot.lookup(NEXT_KEY, PDFNumber).asNumber();
  const nums = destRoot.lookup(PARENT_TREE, PDFDict).lookup(NUMS, PDFArray);
  const numsBefore = nums.size();
  const srcNums = srcRoot.lookup(PARENT_TREE, PDFDict).lookup(NUMS, PDFArray);
  for (let i = 0; i < srcNums.size(); i += 2) {
    nums.push(PDFNumber.of(srcNums.lookup(i, PDFNumber).asNumber() + offset));
    nums.push(copier.copy(srcNums.get(i + 1)));
  }
  for (const page of pages) {
    shiftKey(page.node, STRUCT_PARENTS, offset);
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; annots && i < annots.size(); i++) shiftKey(annots.lookup(i, PDFDict), STRUCT_PARENT, offset);
  }
  destRoot.set(NEXT_KEY, PDFNumber.of(offset + srcRoot.lookup(NEXT_KEY, PDFNumber).asNumber()));

  return {
    pages,
    changed: [destRoot, document],
    undo: () => {
      for (let i = 0; i < copiedTop.length; i++) kids.remove(at);
      while (nums.size() > numsBefore) nums.remove(nums.size() - 1);
      destRoot.set(NEXT_KEY, PDFNumber.of(offset));
    },
  };
}
