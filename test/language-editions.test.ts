// Editions outside the US and in other languages (test fixtures, built in a temporary copy of the project): a Spanish
// edition whose every furniture word is Spanish in PDF, Word and web; an A4 edition in Irish English whose dates read
// the Irish way and whose letters put the address in the DIN 5008 form B window.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.js';
import { loadSource } from '../src/editions/source.js';
import { resolveEdition, type Edition } from '../src/editions/edition.js';
import { composePersonalPages } from '../src/compose/packet.js';
import { ENVELOPE_WINDOWS } from '../src/compose/envelope.js';
import { writePdf } from '../src/write/pdf/document.js';
import { bareContext } from '../src/write/context.js';
import { printProblems } from '../src/mailmerge/roster-printable.js';
import { writeDocx } from '../src/write/docx/write-docx.js';
import { unzipSync, strFromU8 } from 'fflate';
import { lacksLine } from '../src/reports/edition-report.js';
import { Words } from '../src/model/words.js';
import { fill } from '../src/text/fill.js';
import { openPdf, readPdf } from './helpers/pdf.js';
import { docxText, readDocxParts } from './helpers/docx.js';

const project = process.cwd();
const fixtures = join(project, 'test', 'fixtures');

/** Every text of a YAML value, placeholders filled in. */
function texts(v: unknown, vars: Record<string, string | number>): string[] {
  // A text that is only a placeholder ("{officeName}") is the edition's, not ours.
  if (typeof v === 'string') return /^\{\w+\}$/.test(v) ? [] : [fill(v, vars)];
  if (Array.isArray(v)) return v.flatMap((x) => texts(x, vars));
  if (v && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) =>
      k === 'name' || k === 'kind' || k === 'width' || k === 'rows' ? [] : texts(x, vars),
    );
  return [];
}

/** The text of a web page a reader meets: its content, title and the labels of its landmarks. */
function pageText(html: string): string {
  const labels = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
  const body = html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ');
  return [body, ...labels]
    .join(' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

/** The document XML of a Word file's bytes. */
function readDocxXml(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']);
}

/** Whether the left margin of a PDF's first page (x 10–32 pt) has ink within a point of `y` (pt from the top), drawn by pdftoppm at 72 dpi. */
function marginInk(pdf: Uint8Array): (y: number) => boolean {
  const dir = mkdtempSync(join(tmpdir(), 'cg-folds-'));
  try {
    writeFileSync(join(dir, 'letter.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', join(dir, 'letter.pdf'), join(dir, 'page')]);
    const pgm = readFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.endsWith('.pgm'))!,
      ),
    );
    // P5 <width> <height> <max>\n then one byte a pixel.
    const header = pgm.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+\d+\s+\d+\s/)!;
    const width = Number(header[1]);
    const start = header[0].length;
    return (y) => {
      for (let row = Math.floor(y) - 1; row <= Math.ceil(y) + 1; row++)
        for (let x = 10; x <= 32; x++) if (pgm[start + row * width + x] < 200) return true;
      return false;
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('editions in other languages and on A4', () => {
  let dir: string;
  let editions: Map<string, Edition>;
  const out = (...p: string[]) => join(dir, 'out', ...p);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-language-editions-'));
    for (const d of ['source', 'templates']) cpSync(join(project, d), join(dir, d), { recursive: true });
    cpSync(join(fixtures, 'edition-es'), join(dir, 'source', 'editions', 'prueba-es'), { recursive: true });
    cpSync(join(fixtures, 'edition-en-ie'), join(dir, 'source', 'editions', 'test-ie'), { recursive: true });
    await build({ project: dir, editions: ['prueba-es', 'test-ie'] });
    editions = new Map(loadSource(dir).editions.map((s) => [s.id, resolveEdition(null, s)]));
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The Spanish edition's outputs as text: booklet and packet in PDF and Word, every page of the web edition. */
  async function spanishOutputs(): Promise<Record<string, string>> {
    const files: Record<string, string> = {};
    for (const name of ['competency-guidelines', 'packet-level-1']) {
      files[`${name}.pdf`] = (await readPdf(out('prueba-es', `${name}.pdf`))).text.replace(/\s+/g, ' ');
      files[`${name}.docx`] = docxText(readDocxParts(out('prueba-es', `${name}.docx`))['word/document.xml']).replace(
        /\s+/g,
        ' ',
      );
    }
    for (const f of readdirSync(out('prueba-es', 'web')).filter((f) => f.endsWith('.html')))
      files[`web/${f}`] = pageText(readFileSync(out('prueba-es', 'web', f), 'utf8'));
    return files;
  }

  it('prints every furniture word of the Spanish edition in Spanish, in PDF, Word and web', async () => {
    const files = await spanishOutputs();
    const es = Words.parse(parse(readFileSync(join(project, 'templates', 'translations', 'es.yaml'), 'utf8')));
    const vars = { level: 1, title: editions.get('prueba-es')!.guidelines.levels[0].title };
    const booklet = [
      es.contents,
      es.introduction,
      es.competencyDetail,
      es.areaOfExpertise,
      es.asDemonstratedBy,
      fill(es.levelHeading, vars),
      fill(es.level, vars),
    ];
    for (const f of [
      'competency-guidelines.pdf',
      'competency-guidelines.docx',
      'packet-level-1.pdf',
      'packet-level-1.docx',
    ]) {
      for (const w of booklet) expect(files[f], `${w} in ${f}`).toContain(w);
    }
    // The packet's own words: its headings, the letter, the form labels and log columns.
    const p = es.packet!;
    for (const f of ['packet-level-1.pdf', 'packet-level-1.docx']) {
      for (const w of [
        p.coverTitle!,
        p.letter!.genericSalutation!,
        p.headings!.forms!,
        fill(p.headings!.applying!, vars),
        p.officeLabels!.fee!,
        p.forms!.trainingLog!.title!,
        p.forms!.trainingLog!.columns![1],
        p.forms!.ethics!.labels!.waiver_agree!,
      ]) {
        expect(files[f], `${w} in ${f}`).toContain(w);
      }
      // The fee in the edition's currency, the edition's language's way; the letter dated in Spanish.
      expect(files[f]).toContain('$50.00');
      expect(files[f]).toContain('1 de noviembre de 2026');
    }
    for (const w of [es.web.skip, es.web.search, es.web.parts, es.web.downloads, es.contents])
      expect(files['web/index.html']).toContain(w);
    expect(files['web/search.html']).toContain(es.web.searchLabel);
    expect(readFileSync(out('prueba-es', 'web', 'search.js'), 'utf8')).toContain(`' ${es.web.sections}'`);
    const levelPage = Object.keys(files).find(
      (f) =>
        f.startsWith('web/') &&
        files[f].includes(
          fill(es.web.detailCaption, { competencyDetail: es.competencyDetail, chapter: fill(es.levelHeading, vars) }),
        ),
    );
    expect(levelPage).toBeDefined();
  }, 120_000);

  it('leaves no English furniture in the Spanish edition (checked against the English table and packet template)', async () => {
    const files = await spanishOutputs();
    const edition = editions.get('prueba-es')!;
    const vars = {
      level: 1,
      title: edition.guidelines.levels[0].title,
      first: 1,
      last: 4,
      list: '1',
      association: edition.settings.association.name,
      levels: '1',
      chapter: '',
      competencyDetail: 'Competency Detail',
      contents: 'contents',
      levelTitle: edition.guidelines.levels[0].title,
      officeName: edition.settings.office!.name,
      firstName: '',
      lastName: '',
    };
    const english = [
      ...texts(parse(readFileSync(join(project, 'templates', 'translations', 'en.yaml'), 'utf8')), vars),
      ...texts(parse(readFileSync(join(project, 'templates', 'packet.yaml'), 'utf8')), vars),
    ];
    // The association's own text is never translated: an English phrase that is also its wording may stand.
    const own = loadSource(dir)
      .files.filter((f) => f.startsWith('source/base/'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const furniture = [...new Set(english)].filter((w) => w.length > 3 && !own.includes(w));
    expect(furniture.length).toBeGreaterThan(60);
    for (const [f, text] of Object.entries(files)) {
      expect(
        furniture.filter((w) => text.includes(w)),
        f,
      ).toEqual([]);
    }
  }, 120_000);

  it('writes the language into the PDF, the Word file and the web pages', async () => {
    const pdf = await openPdf(new Uint8Array(readFileSync(out('prueba-es', 'competency-guidelines.pdf'))));
    expect(((await pdf.getMetadata()).info as { Language?: string }).Language).toBe('es-US');
    expect(readDocxParts(out('prueba-es', 'competency-guidelines.docx'))['word/styles.xml']).toContain('w:val="es-US"');
    expect(readFileSync(out('prueba-es', 'web', 'index.html'), 'utf8')).toContain('<html lang="es-US">');
  });

  it('dates the Irish edition the Irish way and prints its fees in euro', async () => {
    const packet = (await readPdf(out('test-ie', 'packet-level-1.pdf'))).text.replace(/\s+/g, ' ');
    expect(packet).toContain('1 November 2026');
    expect(packet).not.toContain('November 1, 2026');
    expect(packet).toContain('€60.00');
    const word = docxText(readDocxParts(out('test-ie', 'packet-level-1.docx'))['word/document.xml']);
    expect(word).toContain('1 November 2026');
    // The cover and the copyright page: month and year.
    const booklet = await readPdf(out('test-ie', 'competency-guidelines.pdf'));
    expect(booklet.pages[0].text).toContain('November 2026');
    expect(booklet.pages[0].width).toBe(595);
  });

  /** Where the address lines of a personal letter print on its first page, in points from the page's top-left corner. */
  function personalPages(edition: Edition) {
    return composePersonalPages(edition, edition.guidelines.levels[0], loadSource(dir).packetTemplate, {
      first_name: 'Aoife',
      last_name: 'Ní Bhriain',
      address_line1: '12 Window Lane',
      city: 'Galway',
      state: 'Co. Galway',
      postal_code: 'H91 X2Y3',
      email: 'aoife@example.org',
    });
  }

  async function addressBox(
    edition: Edition,
  ): Promise<{ left: number; top: number; right: number; bottom: number; bytes: Uint8Array }> {
    const doc = personalPages(edition);
    const bytes = (await writePdf(doc, bareContext())).bytes;
    const pdf = await openPdf(bytes.slice());
    const page = await pdf.getPage(1);
    const height = page.view[3];
    const items = (await page.getTextContent()).items.filter(
      (it) =>
        'str' in it && ['Aoife Ní Bhriain', '12 Window Lane', 'Galway, Co. Galway H91 X2Y3'].includes(it.str.trim()),
    ) as { str: string; transform: number[]; width: number; height: number }[];
    expect(items.length).toBe(3);
    return {
      left: Math.min(...items.map((i) => i.transform[4])),
      right: Math.max(...items.map((i) => i.transform[4] + i.width)),
      top: Math.min(...items.map((i) => height - i.transform[5] - i.height)),
      bottom: Math.max(...items.map((i) => height - i.transform[5])),
      bytes,
    };
  }

  it("puts an A4 letter's address inside the DIN 5008 form B window, and a custom window moves it", async () => {
    const w = ENVELOPE_WINDOWS['din5008-b'];
    const box = await addressBox(editions.get('test-ie')!);
    expect(box.left).toBeGreaterThanOrEqual(w.x);
    expect(box.right).toBeLessThanOrEqual(w.x + w.width);
    expect(box.top).toBeGreaterThanOrEqual(w.y);
    expect(box.bottom).toBeLessThanOrEqual(w.y + w.height);
    // 62.7 mm from the top: well below where a #10 window's address starts (2 in and the inset).
    expect(box.top).toBeGreaterThan(ENVELOPE_WINDOWS['us-10'].y + 20);

    // The fold marks of form B (105 and 210 mm), not those of a US Letter in thirds, as pdftoppm draws the page.
    const ink = marginInk(box.bytes);
    const mm = 72 / 25.4;
    for (const fold of [105 * mm, 210 * mm]) expect(ink(fold), `a mark at ${fold} pt`).toBe(true);
    for (const y of [264, 528, 150 * mm]) expect(ink(y), `no mark at ${y} pt`).toBe(false);

    // The Word letter: its address frame at the window, fold-mark frames at 105 and 210 mm (twips from the page's top).
    const xml = readDocxXml(await writeDocx(personalPages(editions.get('test-ie')!)));
    const frames = [...xml.matchAll(/<w:framePr ([^>]*)\/>/g)].map((m) =>
      Object.fromEntries([...m[1].matchAll(/w:(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
    );
    expect(frames.map((f) => Number(f.y))).toEqual([
      Math.round(w.y * 20),
      Math.round(105 * mm * 20),
      Math.round(210 * mm * 20),
    ]);
    expect(Number(frames[0].x)).toBe(Math.round(w.x * 20));

    // A custom window, 120 mm from the left and 50 mm from the top: the address moves there.
    const settings = join(dir, 'source', 'editions', 'test-ie', 'edition.yaml');
    writeFileSync(
      settings,
      readFileSync(settings, 'utf8') + 'envelope: { left: 120, top: 50, width: 80, height: 30 }\n',
    );
    const moved = await addressBox(
      resolveEdition(
        null,
        loadSource(dir).editions.find((e) => e.id === 'test-ie')!,
      ),
    );
    expect(moved.left).toBeGreaterThanOrEqual(120 * mm);
    expect(moved.right).toBeLessThanOrEqual(200 * mm);
    expect(moved.top).toBeGreaterThanOrEqual(50 * mm);
    expect(moved.bottom).toBeLessThanOrEqual(80 * mm);
  }, 120_000);

  it("refuses an address line by the edition's window: one that fits a #10 window is too wide for DIN 5008's 85 mm", () => {
    const row = {
      first_name: 'Aoife',
      last_name: 'Ní Bhriain',
      address_line1: 'Flat 12, The Old Granary Buildings, Upper Dominick Street',
      address_line2: '',
      city: 'Galway',
      state: 'Co. Galway',
      postal_code: 'H91 X2Y3',
      email: 'a@example.org',
      edition: 'test-ie',
      level: 1,
    };
    expect(printProblems(row, ENVELOPE_WINDOWS['us-10'])).toEqual([]);
    expect(printProblems(row, ENVELOPE_WINDOWS['din5008-b'])).toEqual([
      expect.stringMatching(/^address_line1 is 57 characters; at most \d\d fit the envelope window$/),
    ]);
  });

  it('warns, naming the missing table, when an edition is in a language with none, and prints English furniture', () => {
    const settings = join(dir, 'source', 'editions', 'test-ie', 'edition.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('language: en-IE', 'language: fr-FR'));
    const e = loadSource(dir).editions.find((x) => x.id === 'test-ie')!;
    expect(e.wordsFallback).toBe(
      'no furniture table templates/translations/fr.yaml for language fr-FR: its furniture is in English',
    );
    expect(e.words.contents).toBe('Contents');
    // What the build prints as a warning.
    expect(lacksLine(resolveEdition(null, e))).toMatch(
      /^test-ie has no furniture table templates\/translations\/fr\.yaml for language fr-FR: its furniture is in English; /,
    );
  });

  it('refuses a table whose packet words name a field the packet template does not have, by file:line', () => {
    const table = join(dir, 'templates', 'translations', 'es.yaml');
    const text = readFileSync(table, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('first_name: Nombre')) + 1;
    writeFileSync(table, text.replace('first_name: Nombre', 'frist_name: Nombre'));
    expect(() => loadSource(dir)).toThrow(`templates/translations/es.yaml:${line}:`);
    expect(() => loadSource(dir)).toThrow(
      '"frist_name" is not a field of the application form in templates/packet.yaml; expected one of first_name, last_name',
    );
    writeFileSync(table, text);
  });

  it('refuses an unknown envelope, a custom window off the page and numeric fees without a currency, each by file:line', () => {
    const settings = join(dir, 'source', 'editions', 'test-ie', 'edition.yaml');
    const original = readFileSync(join(fixtures, 'edition-en-ie', 'edition.yaml'), 'utf8');
    const problems = (text: string) => {
      writeFileSync(settings, text);
      try {
        loadSource(dir);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(problems(original + 'envelope: din5008-c\n')).toMatch(
      /^source\/editions\/test-ie\/edition\.yaml:\d+:1: "envelope" is "din5008-c"; expected us-10, din5008-a, din5008-b, c5-6, or a window in mm/,
    );
    expect(problems(original + 'envelope: { left: 150, top: 50, width: 80, height: 30 }\n')).toContain(
      'expected a window inside the page (US Letter 215.9 × 279.4 mm, A4 210 × 297 mm)',
    );
    expect(problems(original.replace('currency: EUR\n', ''))).toContain(
      '"currency" is missing; expected a currency such as USD or EUR for the fees given as numbers',
    );
    expect(problems(original)).toBe('');
  });
});
