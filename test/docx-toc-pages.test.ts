// Word's Contents stores the pages its headings land on: the Word booklets are laid out by LibreOffice with Carlito and
// Caladea (metric-compatible with Calibri and Cambria), and every stored TOC entry must equal its heading's page there.
// Needs soffice and the two font packages; without them the test fails on CI and is skipped elsewhere.
import { execFileSync, spawnSync } from 'node:child_process';
import { openPdf } from './helpers/pdf.js';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outFile } from './helpers/built.js';
import { decodeXml, readDocxParts } from './helpers/docx.js';

const EDITIONS = ['michigan', 'texas'];
const INSTALL = 'apt-get install libreoffice-writer fonts-crosextra-carlito fonts-crosextra-caladea';
const KEEP_BLANK_PAGES = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="IsSkipEmptyPages" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/** What this machine lacks to lay Word files out with Word's metrics, or undefined. */
function missingTools(): string | undefined {
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status !== 0) return 'soffice';
  for (const family of ['Carlito', 'Caladea']) {
    const r = spawnSync('fc-list', [`:family=${family}`, 'family'], { encoding: 'utf8' });
    if (r.status !== 0 || !r.stdout.includes(family)) return `the ${family} font`;
  }
  return undefined;
}

interface TocEntry {
  title: string;
  page: number;
}

/** The Contents' stored entries: each hyperlink to a _Toc bookmark, its text and its PAGEREF field's result. */
function storedToc(docx: string): TocEntry[] {
  const xml = readDocxParts(docx)['word/document.xml'];
  return [...xml.matchAll(/<w:hyperlink [^>]*w:anchor="_Toc\d+"[^>]*>(.*?)<\/w:hyperlink>/g)].map((m) => {
    const [title, result] = m[1].split(/<w:instrText[^>]*>\s*PAGEREF /);
    const text = (s: string) =>
      decodeXml([...(s ?? '').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    return { title: text(title), page: Number(text(result) || NaN) };
  });
}

interface Bookmark {
  title: string;
  page: number;
  depth: number;
}

/** The PDF's bookmarks in reading order, with the (1-based) page each points to. */
async function bookmarks(pdf: string): Promise<Bookmark[]> {
  const doc = await openPdf(new Uint8Array(readFileSync(pdf)));
  const out: Bookmark[] = [];
  type Item = { title: string; dest: unknown; items?: Item[] };
  const walk = async (items: Item[], depth: number) => {
    for (const it of items) {
      const dest = typeof it.dest === 'string' ? await doc.getDestination(it.dest) : (it.dest as unknown[] | null);
      out.push({ title: it.title, page: dest ? (await doc.getPageIndex(dest[0] as never)) + 1 : 0, depth });
      await walk(it.items ?? [], depth + 1);
    }
  };
  await walk(((await doc.getOutline()) ?? []) as Item[], 0);
  await doc.loadingTask.destroy();
  return out;
}

const missing = missingTools();
if (missing && !process.env.CI) console.warn(`docx-toc-pages: skipped, needs ${missing} (${INSTALL})`);

describe.skipIf(missing !== undefined && !process.env.CI)("Word booklet's Contents, laid out by LibreOffice", () => {
  let dir: string;
  const laidOut = new Map<string, Bookmark[]>();
  const stored = new Map<string, TocEntry[]>();

  beforeAll(async () => {
    if (missing) throw new Error(`this test needs ${missing}: ${INSTALL}`);
    dir = mkdtempSync(join(tmpdir(), 'cg-toc-'));
    for (const e of EDITIONS) {
      copyFileSync(outFile(e, 'competency-guidelines.docx'), join(dir, `${e}.docx`));
      stored.set(e, storedToc(join(dir, `${e}.docx`)));
    }
    // A private profile, so parallel runs don't share (and lock) one. It keeps in the PDF the blank pages LibreOffice
    // inserts before an odd-page section, as Word prints them (its PDF export drops them by default); set in the
    // profile rather than as filter options, which `--convert-to` only reads from LibreOffice 7.4 on.
    const profile = join(dir, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), KEEP_BLANK_PAGES);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...EDITIONS.map((e) => join(dir, `${e}.docx`)),
      ],
      { stdio: 'ignore', timeout: 170_000 },
    );
    for (const e of EDITIONS) laidOut.set(e, await bookmarks(join(dir, `${e}.pdf`)));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(EDITIONS)('%s: every stored entry is the page its heading lands on', (edition) => {
    const entries = stored.get(edition)!;
    const marks = laidOut.get(edition)!;
    expect(entries.length).toBeGreaterThan(40);
    // Match entries to bookmarks in reading order (titles such as "Introduction" repeat in every level).
    let j = 0;
    const wrong: string[] = [];
    for (const entry of entries) {
      while (j < marks.length && marks[j].title !== entry.title) j++;
      const mark = marks[j++];
      if (!mark) wrong.push(`"${entry.title}": no such heading in LibreOffice's bookmarks after the previous entry`);
      else if (mark.page !== entry.page)
        wrong.push(`"${entry.title}": Contents says ${entry.page}, lands on ${mark.page}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(EDITIONS)('%s: every level starts on a right-hand (odd) page', (edition) => {
    const levels = laidOut.get(edition)!.filter((m) => m.depth === 0 && /^Level \d+:/.test(m.title));
    expect(levels.map((m) => m.title)).toEqual(
      stored
        .get(edition)!
        .filter((e) => /^Level \d+:/.test(e.title))
        .map((e) => e.title),
    );
    expect(levels.length).toBe(4);
    for (const level of levels) expect(level.page % 2, `${level.title} on page ${level.page}`).toBe(1);
  });
});
