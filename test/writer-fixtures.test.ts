// Writer fixtures, in the manner of remark's test/fixtures/<case>/ and pandoc's golden files: a writer tested without a
// build. test/fixtures/writers/<case>/tree.json, a small document tree (the type of src/compose/tree.ts, checked when
// read: a tree that no longer matches it fails with the case's name), goes in; out come
//   expected/document.xml  the Word file's body (word/document.xml), one element a line, read back with fflate and sax;
//   expected/*.html        the web writer's pages, for a booklet (index.html and one a part; not its style, scripts
//                          or fonts): the web edition is made of booklets only;
//   expected/pdf.txt       the PDF's text page by page, with each page's size, where its links go and its form fields,
//                          read back with pdfjs-dist.
// The writers are called through one adapter, test/helpers/render-tree.ts.
//
// When a writer changes on purpose: UPDATE_WRITER_FIXTURES=1 npx vitest run test/writer-fixtures.test.ts rewrites every
// case's expected/ files; read the diff (it is the writer's change, as a reader sees it) before committing. A new case:
// add its folder with a tree.json and run the same command.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Document } from '../src/compose/tree.js';
import { openPdf } from './helpers/pdf.js';
import { prettyXml } from './helpers/pretty-xml.js';
import { renderTree } from './helpers/render-tree.js';

const root = join(import.meta.dirname, 'fixtures', 'writers');
const update = !!process.env.UPDATE_WRITER_FIXTURES;

/** A case's tree, checked against the document tree's schema. */
export function readTree(name: string, json: string): Document {
  const parsed = Document.safeParse(JSON.parse(json));
  if (!parsed.success)
    throw new Error(
      `writer fixture ${name}: tree.json is not a document tree (src/compose/tree.ts):\n${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}

/** Each page's size and text as pdfjs reads them. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await openPdf(bytes.slice(), { useSystemFonts: false });
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
    // Where its links go (one annotation a word or line of a link: each target once) and its form fields.
    const targets: string[] = [];
    const fields: string[] = [];
    for (const a of await page.getAnnotations()) {
      if (a.subtype === 'Link') {
        const target = a.url ?? (typeof a.dest === 'string' ? `#${a.dest}` : JSON.stringify(a.dest));
        if (!targets.includes(target)) targets.push(target);
      } else if (a.subtype === 'Widget') {
        const kind = a.checkBox
          ? 'checkbox'
          : a.multiLine
            ? 'multiline text'
            : a.fieldType === 'Tx'
              ? 'text'
              : a.fieldType;
        const value = a.fieldValue ? ` = ${JSON.stringify(a.fieldValue)}` : '';
        fields.push(`field ${a.fieldName} (${kind}${a.readOnly ? ', read-only' : ''})${value}\n`);
      }
    }
    const links = targets.length ? `links to ${targets.join(', ')}\n` : '';
    pages.push(
      `--- page ${i} (${Math.round(x1 - x0)} x ${Math.round(y1 - y0)} pt) ---\n${text.trimEnd()}\n${links}${fields.join('')}`,
    );
  }
  await pdf.loadingTask.destroy();
  return pages.join('');
}

async function outputsOf(doc: Document): Promise<Map<string, string>> {
  const r = await renderTree(doc);
  const files = new Map<string, string>([['document.xml', prettyXml(r.documentXml)]]);
  for (const [path, html] of r.html) files.set(path, html);
  files.set('pdf.txt', await pdfText(r.pdf));
  return files;
}

describe('writers: each tree gives the expected Word body, web pages and PDF text', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const dir = join(root, name);
      const outputs = await outputsOf(readTree(name, readFileSync(join(dir, 'tree.json'), 'utf8')));
      const expectedDir = join(dir, 'expected');
      if (update) {
        rmSync(expectedDir, { recursive: true, force: true });
        mkdirSync(expectedDir, { recursive: true });
        for (const [file, text] of outputs) writeFileSync(join(expectedDir, file), text);
      }
      expect(
        existsSync(expectedDir),
        `${name}: no expected/ yet; run with UPDATE_WRITER_FIXTURES=1 and read what it wrote`,
      ).toBe(true);
      // The same files, then each file's text: a page the writer stopped making (or a new one) fails too.
      expect([...outputs.keys()].sort()).toEqual(readdirSync(expectedDir).sort());
      for (const [file, text] of outputs)
        expect(text, `${name}/expected/${file}`).toBe(readFileSync(join(expectedDir, file), 'utf8'));
    });
  }
});

describe('writer fixtures: a tree that is not a document tree', () => {
  it('fails naming its case and what does not match', () => {
    const tree = JSON.parse(readFileSync(join(root, 'glossary', 'tree.json'), 'utf8'));
    tree.parts[0].blocks.push({ kind: 'footnote', text: 'no such block' });
    expect(() => readTree('glossary', JSON.stringify(tree))).toThrow(
      /^writer fixture glossary: tree\.json is not a document tree[^]*parts\[0\]\.blocks\[2\]/,
    );
  });
});
