// The web edition in a real browser (Debian's chromium driven by playwright-core): axe-core finds no WCAG 2.0/2.1
// A or AA violation on any page of any edition, no request fails, nothing is logged as an error, search finds the
// right page (from a folder on disk too), and a level page reads with JavaScript off.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outDir } from './helpers/built.js';

const CHROMIUM = '/usr/bin/chromium';
const EDITIONS = ['michigan', 'michigan-revised', 'texas', 'new-mexico'];
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
/** axe-core's own script, run in each page: given to the browser once per context, not sent with every check. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  // Every violation with all its nodes; of what passed, one node per rule (the full lists were megabytes per page).
  resultTypes: ['violations'],
};
const available = existsSync(CHROMIUM);
if (!available && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for the web tests`);

/** The bytes of an edition's site but its pages: the stylesheet, fonts and scripts every page loads. */
function resources(id: string): string {
  const dir = join(outDir(), id, 'web');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, f);
    if (!f.endsWith('.html') && statSync(path).isFile()) hash.update(f).update(readFileSync(path));
  }
  return hash.digest('hex');
}

let firstEdition: Map<string, string> | undefined;
/**
 * The first edition (in EDITIONS' order) with a page of these very bytes, served with the same stylesheet, fonts and
 * scripts: a page identical to one already checked gives the browser and axe the same input, so it is checked once
 * (Michigan's revised edition shares 8 of its 10 pages with Michigan's).
 */
function checkedFirstIn(id: string, file: string): string {
  if (!firstEdition) {
    firstEdition = new Map();
    const byBytes = new Map<string, string>();
    for (const e of EDITIONS) {
      const site = resources(e);
      for (const f of readdirSync(join(outDir(), e, 'web')).filter((n) => n.endsWith('.html'))) {
        const key = `${site} ${f} ${createHash('sha256')
          .update(readFileSync(join(outDir(), e, 'web', f)))
          .digest('hex')}`;
        if (!byBytes.has(key)) byBytes.set(key, e);
        firstEdition.set(`${e}/${f}`, byBytes.get(key)!);
      }
    }
  }
  return firstEdition.get(`${id}/${file}`)!;
}

describe.runIf(available)('the web edition in a browser', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  /** The context the pages are checked in: axe-core given to it once, not sent with every check. */
  let checks: BrowserContext;

  beforeAll(async () => {
    const root = outDir();
    server = createServer((req, res) => {
      const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      if (!path.startsWith(root) || !existsSync(path) || statSync(path).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      // Cacheable, as any web server serves it: the fonts are fetched once per context, not on every page.
      res
        .writeHead(200, {
          'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
          'cache-control': 'max-age=600',
        })
        .end(readFileSync(path));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext();
    checks = await browser.newContext();
    await checks.addInitScript({ path: AXE });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  // The editions are checked at the same time, each in a tab of one context: the tabs share a renderer process, and
  // with it the compiled axe-core (a context per edition took a fifth more CPU, and as long).
  for (const id of EDITIONS) {
    it.concurrent(
      `${id}: every page has no WCAG 2.1 A/AA violation, no failed request and no console error`,
      async () => {
        const pages = readdirSync(join(outDir(), id, 'web'))
          .filter((f) => f.endsWith('.html'))
          .sort();
        expect(pages).toEqual(
          expect.arrayContaining(['index.html', 'l1.html', 'l4.html', 'glossary.html', 'search.html']),
        );
        const page = await checks.newPage();
        const problems: string[] = [];
        page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
        page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
        page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
        page.on(
          'request',
          (r) => !r.url().startsWith(base) && !r.url().startsWith('data:') && problems.push(`another host: ${r.url()}`),
        );
        const violations: string[] = [];
        for (const file of pages.filter((f) => checkedFirstIn(id, f) === id)) {
          await page.goto(`${base}/${id}/web/${file}`);
          expect(await page.locator('h1').count(), file).toBe(1);
          expect(await page.getAttribute('html', 'lang'), file).toBe('en-US');
          const result = await page.evaluate(
            (options) =>
              (window as unknown as { axe: { run(c: Document, o: RunOptions): Promise<AxeResults> } }).axe.run(
                document,
                options,
              ),
            AXE_OPTIONS,
          );
          for (const v of result.violations)
            violations.push(`${file}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
        }
        await page.close();
        expect(violations).toEqual([]);
        expect(problems).toEqual([]);
      },
      120_000,
    );
  }

  it('search finds the page a phrase is on', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/michigan/web/search.html`, { waitUntil: 'networkidle' });
    // The results of a phrase (the page searches as one types).
    const search = async (phrase: string) => {
      await page.fill('#q', phrase);
      await page.waitForFunction(() => document.getElementById('count')?.textContent !== '');
      return page.$$eval('#results a', (links) =>
        links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''),
      );
    };
    // Level 4's own areas are on Level 4's page; a glossary term on the glossary page.
    // Level 4's own area, on Level 4's page at that area; a committee member's name on the committee's page.
    expect((await search('Research and Evaluation'))[0]).toMatch(/^l4\.html#/);
    expect((await search('reflective supervision')).some((h) => /^l[1-4]\.html#/.test(h))).toBe(true);
    expect((await search('Melissa Kaplan-Estrin'))[0]).toMatch(/^committee\.html/);
    // A result is a link that lands on its section.
    await page.click('#results a');
    await page.waitForURL(/committee\.html/);
    expect(await page.locator('h1').innerText()).toContain('Committee');
    await page.close();
  }, 60_000);

  it('on a phone (390 px) a table stacks its header and cells alike, each cell labelled, and nothing runs past the right edge', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await phone.addInitScript({ path: AXE });
    const page = await phone.newPage();
    // Texas's Level 4 (its own competencies) and New Mexico's Level 2 (a Competency Detail and a requirements table).
    for (const path of ['texas/web/l4.html', 'new-mexico/web/l2.html']) {
      await page.goto(`${base}/${path}`);
      const facts = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const tables = [...document.querySelectorAll('table')];
        return {
          width,
          pageScrolls: document.documentElement.scrollWidth > width,
          tables: tables.length,
          // Anything in a table drawn past the viewport's right edge, or a table's scroll box wider than its view.
          overflowing: tables
            .flatMap((t) => [t, ...t.querySelectorAll('*')])
            .filter((el) => el.getBoundingClientRect().right > width + 0.5)
            .map((el) => `${el.tagName} ${el.textContent?.slice(0, 40)}`),
          scrolling: [...document.querySelectorAll('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth).length,
          // The header row is not drawn as a row beside the stacked cells: it is there for a screen reader only.
          headerRowHeights: tables.map((t) => t.querySelector('thead')!.getBoundingClientRect().height),
          // Each body cell shows its column's title, as the header row has it.
          labels: tables.flatMap((t) => {
            const titles = [...t.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
            return [...t.querySelectorAll('tbody tr')].flatMap((tr) =>
              [...tr.children].map((cell, i) => [
                getComputedStyle(cell, '::before').content.replace(/^"|"$/g, ''),
                titles[i],
              ]),
            );
          }),
          // Stacked: each body cell a block as wide as its table (less the row's borders), none a narrow column.
          stacked: tables.every((t) =>
            [...t.querySelectorAll('tbody th, tbody td')].every(
              (c) =>
                getComputedStyle(c).display === 'block' &&
                c.getBoundingClientRect().width >= t.getBoundingClientRect().width - 4,
            ),
          ),
        };
      });
      expect(facts.width).toBe(390);
      expect(facts.tables, path).toBeGreaterThan(0);
      expect(facts.overflowing, path).toEqual([]);
      expect(facts.scrolling, path).toBe(0);
      expect(facts.pageScrolls, path).toBe(false);
      expect(facts.stacked, path).toBe(true);
      for (const h of facts.headerRowHeights) expect(h, path).toBeLessThanOrEqual(1);
      expect(facts.labels.length, path).toBeGreaterThan(10);
      for (const [shown, title] of facts.labels) expect(shown, path).toBe(title);
      const result = await page.evaluate(
        (options) =>
          (window as unknown as { axe: { run(c: Document, o: RunOptions): Promise<AxeResults> } }).axe.run(
            document,
            options,
          ),
        AXE_OPTIONS,
      );
      expect(
        result.violations.map((v) => `${v.id} ${v.nodes[0]?.target.join(' ')}`),
        path,
      ).toEqual([]);
    }
    await phone.close();
  }, 60_000);

  it('a level page reads with JavaScript off, its table headed by scoped cells', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${base}/texas/web/l4.html`);
    expect(await page.locator('table caption').first().innerText()).toContain('Level 4');
    expect(await page.locator('thead th[scope="col"]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('tbody th[scope="row"]').count()).toBeGreaterThan(5);
    expect(await page.locator('main').innerText()).toContain('Theoretical Foundations');
    // The Impact Map: its five columns as headed lists, in reading order.
    const columns = await page.locator('.impact-map h3').allInnerTexts();
    expect(columns).toHaveLength(5);
    expect(columns[0]).toBe('Capabilities');
    expect(columns[4]).toBe('Service Goal');
    await noJs.close();
  }, 60_000);
});
