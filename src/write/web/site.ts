// The web edition: a booklet's document tree as a static site. One page per part a reader looks
// up (a level, the Endorsement introduction, the committee, the acknowledgements, the glossary),
// a start page with the contents and the downloads, the copyright notice on every page's footer.
// Accessible by construction (WCAG 2.1 AA): lang, one h1 a page, landmarks, a skip link, visible
// focus, contrast checked against the edition's colour. Works from a folder on disk with
// JavaScript off; only search (search.ts) needs JavaScript.
import type { RenderContext } from '../context.js';
import { packageFile } from './package-files.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { blocksIn, runsText, type Block, type Chapter, type Document, type ListItem } from '../../compose/tree.js';
import { searchFiles, type Section } from './search.js';
import { readableOn, WHITE } from './contrast.js';
import { anchor, blockHtml, escapeHtml, runsHtml } from './html.js';
import { englishDocumentWords } from '../../compose/booklet.js';
import { fill } from '../../text/fill.js';
import type { WebFile } from './web-file.js';

export type { WebFile } from './web-file.js';

export interface Downloads {
  pdf: string;
  docx: string;
  print?: string;
}

interface Page {
  file: string;
  title: string;
  blocks: Block[];
  /** The level this page is (for the Competency Detail's caption). */
  chapter: Chapter;
}

const require = createRequire(import.meta.url);
const FONTS = [
  ['@expo-google-fonts/source-serif-4', '400Regular', 'SourceSerif4_400Regular.ttf', 'Source Serif 4', 400, 'normal'],
  [
    '@expo-google-fonts/source-serif-4',
    '400Regular_Italic',
    'SourceSerif4_400Regular_Italic.ttf',
    'Source Serif 4',
    400,
    'italic',
  ],
  ['@expo-google-fonts/source-serif-4', '700Bold', 'SourceSerif4_700Bold.ttf', 'Source Serif 4', 700, 'normal'],
  ['@expo-google-fonts/source-sans-3', '400Regular', 'SourceSans3_400Regular.ttf', 'Source Sans 3', 400, 'normal'],
  ['@expo-google-fonts/source-sans-3', '700Bold', 'SourceSans3_700Bold.ttf', 'Source Sans 3', 700, 'normal'],
] as const;

const fileName = (id: string) => `${id.replace(/[^\w.-]+/g, '-')}.html`;

/** Pages: each chapter, split at its level-1 headings (one h1 a page). */
function pagesOf(doc: Document): Page[] {
  const pages: Page[] = [];
  for (const part of doc.parts) {
    if (part.kind !== 'chapter') continue;
    let current: Page | null = null;
    for (const b of part.blocks) {
      if (b.kind === 'heading' && b.level === 1) {
        current = { file: fileName(b.id), title: b.text, blocks: [], chapter: part };
        pages.push(current);
      }
      if (!current) {
        current = { file: fileName(part.id), title: part.title, blocks: [], chapter: part };
        pages.push(current);
      }
      current.blocks.push(b);
    }
  }
  return pages;
}

/** Which page each heading (and glossary term) is on, for the contents' links. */
function pageOfIds(pages: Page[]): Map<string, string> {
  const where = new Map<string, string>();
  const visit = (blocks: Block[], file: string) => {
    for (const b of blocks) {
      if (b.kind === 'heading' || b.kind === 'impactMap') where.set(b.id, file);
      if (b.kind === 'table') for (const r of b.rows) for (const c of r.cells) visit(c.blocks, file);
    }
  };
  for (const p of pages) visit(p.blocks, p.file);
  return where;
}

function css(accent: string): string {
  const faces = FONTS.map(
    ([, , file, family, weight, style]) =>
      `@font-face{font-family:"${family}";src:url("fonts/${file}") format("truetype");font-weight:${weight};font-style:${style};font-display:swap}`,
  ).join('\n');
  return `${faces}
:root{--accent:${accent};--band:${accent};--ink:#1a1a1a;--muted:#4a4a4a;--rule:#8a96a3}
*{box-sizing:border-box}
html{font-family:"Source Serif 4",Georgia,serif;color:var(--ink);background:#fff;line-height:1.5}
body{margin:0}
h1,h2,h3,h4,.site-title,nav,th,caption,.label,footer{font-family:"Source Sans 3",Arial,sans-serif}
h1,h2{color:var(--accent)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #000;outline-offset:2px;box-shadow:0 0 0 5px #fff}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:#000;padding:.5em 1em;z-index:10}
.skip:focus{left:1em}
header.band{background:var(--band);color:#fff;padding:1em 1.5em}
header.band a{color:#fff}
.site-title{font-weight:700;font-size:1.1em;text-decoration:none}
nav ul{list-style:none;margin:.5em 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25em 1.25em}
main{max-width:60em;margin:0 auto;padding:1em 1.5em 3em}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:1em 0}
caption{text-align:left;font-weight:700;padding:.25em 0;color:var(--muted)}
th,td{border:1px solid var(--rule);padding:.5em .75em;vertical-align:top;text-align:left}
thead th{background:#e8eef4}
tbody th{width:30%;font-weight:400}
tbody th h3{margin:0 0 .25em;font-size:1.05em;color:var(--accent)}
.label{font-size:.85em;font-weight:700;color:var(--muted);margin:.5em 0 .25em}
ul.plain{list-style:none;padding:0;margin:0;font-style:italic}
.leadIn{font-style:italic;margin:.5em 0 .25em}
.note{font-style:italic;color:var(--muted);font-size:.95em}
.code{font-family:"Source Sans 3",Arial,sans-serif;font-weight:700;font-size:.85em;color:var(--accent)}
.glossary dt{font-weight:700;margin-top:.75em}
.glossary dd{margin:0 0 0 1.5em}
.map-columns{display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-start}
.map-column{flex:1 1 0;min-width:10em;border-top:4px solid var(--accent)}
.map-column h3{font-size:1em;margin:.25em 0}
.arrow{font-size:1.5em;color:var(--accent);align-self:center}
.downloads li{margin:.25em 0}
.search-note{color:var(--muted)}
footer{border-top:1px solid var(--rule);max-width:60em;margin:0 auto;padding:1em 1.5em 2em;font-size:.9em;color:var(--muted)}
footer h2{font-size:1em;color:var(--muted);margin:0}
th,td{overflow-wrap:break-word}
@media (max-width:40em){.map-columns{flex-direction:column}.arrow{transform:rotate(90deg)}table,caption,thead,tbody,tr,th,td,tbody th,tbody td{display:block;width:auto}thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%)}tbody tr{border-top:1px solid var(--rule);margin-bottom:.75em}tbody th{border-bottom:0}th[data-label]::before,td[data-label]::before{content:attr(data-label);display:block;font-family:"Source Sans 3",Arial,sans-serif;font-weight:700;font-size:.85em;color:var(--muted);margin-bottom:.25em}}
@media print{header.band,nav,.skip,.search,.downloads{display:none}thead{display:table-header-group}tr{break-inside:avoid}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}footer{border:0}}
`;
}

function layout(
  doc: Document,
  opts: { title: string; body: string; nav: string; footer: string; lang: string; skip: string },
): string {
  return `<!doctype html>
<html lang="${escapeHtml(opts.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<link rel="stylesheet" href="style.css">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">${escapeHtml(opts.skip)}</a>
<header class="band">
<a class="site-title" href="index.html">${escapeHtml(doc.meta.title)}</a>
${opts.nav}
</header>
<main id="main">
${opts.body}
</main>
<footer>
${opts.footer}
</footer>
</body>
</html>
`;
}

/** The web edition of a booklet; keeps nothing between calls (`_ctx`: the writers' one signature). */
export function writeWebSite(doc: Document, _ctx: RenderContext, downloads: Downloads): WebFile[] {
  const lang = doc.meta.language;
  const words = doc.words ?? englishDocumentWords();
  const w = words.web;
  const skip = w.skip;
  // The same colour serves text on white and as the band under white text: both need 4.5:1 against white.
  const accent = readableOn(doc.accent, WHITE);
  const pages = pagesOf(doc);
  const where = pageOfIds(pages);
  const cover = doc.parts.find((p) => p.kind === 'cover');
  const contents = doc.parts.find((p) => p.kind === 'contents');
  const copyright = doc.parts.find((p) => p.kind === 'copyright');

  const nav = `<nav aria-label="${escapeHtml(w.parts)}"><ul>${[['index.html', words.contents], ...pages.map((p) => [p.file, p.title]), ['search.html', w.search]].map(([f, t]) => `<li><a href="${f}">${escapeHtml(t)}</a></li>`).join('')}</ul></nav>`;
  // The copyright notice on every page, as the booklet's copyright page says it.
  const footer =
    copyright?.kind === 'copyright'
      ? copyright.blocks
          .map((b) =>
            b.kind === 'heading'
              ? `<h2>${escapeHtml(b.text)}</h2>`
              : b.kind === 'paragraph'
                ? `<p>${runsHtml(b.runs)}</p>`
                : '',
          )
          .join('\n')
      : `<p>${escapeHtml(doc.furniture.footerLine)}</p>`;

  const files: WebFile[] = [];
  const html = (path: string, text: string) => files.push({ path, bytes: new TextEncoder().encode(text) });

  // The start page.
  const c = cover?.kind === 'cover' ? cover : null;
  const toc =
    contents?.kind === 'contents'
      ? `<section aria-labelledby="contents"><h2 id="contents">${escapeHtml(contents.title)}</h2>${contentsList(contents.entries, where)}</section>`
      : '';
  const start = `<h1>${escapeHtml(c?.title ?? doc.meta.title)}</h1>
${c?.subtitle ? `<p class="subtitle">${escapeHtml(c.subtitle)}</p>` : ''}
<p>${escapeHtml(c?.association ?? doc.meta.author)}${c ? ` · ${escapeHtml(c.dateLine)}` : ''}${c?.editionLine ? ` · ${escapeHtml(c.editionLine)}` : ''}</p>
<section aria-labelledby="downloads" class="downloads"><h2 id="downloads">${escapeHtml(w.downloads)}</h2><ul>
<li><a href="${downloads.pdf}">${escapeHtml(w.downloadPdf)}</a></li>
<li><a href="${downloads.docx}">${escapeHtml(w.downloadDocx)}</a></li>
${downloads.print ? `<li><a href="${downloads.print}">${escapeHtml(w.downloadPrint)}</a></li>` : ''}
</ul></section>
${toc}`;
  html('index.html', layout(doc, { title: c?.title ?? doc.meta.title, body: start, nav, footer, lang, skip }));

  for (const p of pages) {
    const body = p.blocks
      .map((b) =>
        blockHtml(b, {
          headingShift: 0,
          tableCaption: fill(w.detailCaption, { competencyDetail: words.competencyDetail, chapter: p.chapter.title }),
        }),
      )
      .join('\n');
    html(p.file, layout(doc, { title: `${p.title} – ${doc.meta.title}`, body, nav, footer, lang, skip }));
  }

  html(
    'search.html',
    layout(doc, {
      title: `${w.search} – ${doc.meta.title}`,
      body: `<h1>${escapeHtml(w.search)}</h1>
<p class="search-note">${escapeHtml(w.searchNote)}</p>
<form class="search" role="search" onsubmit="return false">
<label for="q">${escapeHtml(w.searchLabel)}</label>
<input id="q" type="search" autocomplete="off">
</form>
<p id="count" aria-live="polite"></p>
<ul id="results"></ul>
<noscript><p>${escapeHtml(w.noScript).replace('{contents}', `<a href="index.html">${escapeHtml(w.contentsLink)}</a>`)}</p></noscript>
<script src="minisearch.js"></script>
<script src="search-index.js"></script>
<script src="search.js"></script>`,
      nav,
      footer,
      lang,
      skip,
    }),
  );

  html('style.css', css(accent));
  html('search.js', searchScript(w));
  files.push(...searchFiles(sectionsOf(pages)));
  for (const [pkg, dir, file] of FONTS) {
    files.push({
      path: `fonts/${file}`,
      bytes: packageFile(join(dirname(require.resolve(`${pkg}/package.json`)), dir, file)),
    });
  }
  return files;
}

/** What the search page runs: the index loaded with MiniSearch, results as links, updated as one types. */
/** Text inside a single-quoted string of the search script. */
const jsText = (s: string) => s.replace(/[\\']/g, (c) => `\\${c}`).replace(/</g, '\\x3c');

const searchScript = (w: { section: string; sections: string }) => `(function () {
  var index = MiniSearch.loadJSON(window.SEARCH_INDEX, window.SEARCH_OPTIONS);
  var input = document.getElementById('q');
  var list = document.getElementById('results');
  var count = document.getElementById('count');
  function show() {
    var q = input.value.trim();
    var hits = q ? index.search(q, { prefix: true, fuzzy: 0.1, combineWith: 'AND' }).slice(0, 20) : [];
    list.textContent = '';
    hits.forEach(function (h) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = h.href;
      a.textContent = h.title + ' (' + h.page + ')';
      li.appendChild(a);
      list.appendChild(li);
    });
    count.textContent = q ? hits.length + (hits.length === 1 ? ' ${jsText(w.section)}' : ' ${jsText(w.sections)}') : '';
  }
  input.addEventListener('input', show);
  if (location.hash.length > 1) { input.value = decodeURIComponent(location.hash.slice(1)); show(); }
})();
`;

function itemText(items: ListItem[]): string {
  return items.map((i) => `${runsText(i.runs)} ${itemText(i.children)}`).join(' ');
}

/** Searchable sections: each heading with the text under it (a glossary term on its own). */
function sectionsOf(pages: Page[]): Section[] {
  const sections: Section[] = [];
  for (const p of pages) {
    let current: Section | null = null;
    const add = (text: string) => {
      current ??= { id: p.file, href: p.file, title: p.title, page: p.title, text: '' };
      if (!sections.includes(current)) sections.push(current);
      current.text += ` ${text}`;
    };
    for (const b of blocksIn(p.blocks)) {
      if (b.kind === 'heading' || b.kind === 'impactMap') {
        const title = b.kind === 'heading' ? b.text : b.title;
        current = { id: `${p.file}#${b.id}`, href: `${p.file}#${anchor(b.id)}`, title, page: p.title, text: '' };
        sections.push(current);
        if (b.kind === 'impactMap') add(b.columns.map((c) => `${c.title} ${itemText(c.items)}`).join(' '));
      } else if (b.kind === 'paragraph') add(runsText(b.runs));
      else if (b.kind === 'list') add(itemText(b.items));
      else if (b.kind === 'definitions') {
        for (const e of b.entries)
          sections.push({
            id: `${p.file}#${e.id}`,
            href: `${p.file}#${anchor(e.id)}`,
            title: e.term,
            page: p.title,
            text: runsText(e.definition),
          });
      }
    }
  }
  return sections;
}

/** The contents as nested lists: an entry's deeper entries inside its item. */
function contentsList(entries: { level: number; id: string; text: string }[], where: Map<string, string>): string {
  interface Node {
    html: string;
    level: number;
    children: Node[];
  }
  const root: Node = { html: '', level: 0, children: [] };
  const stack: Node[] = [root];
  for (const e of entries) {
    while (stack.length > 1 && stack[stack.length - 1].level >= e.level) stack.pop();
    const node: Node = {
      html: `<a href="${where.get(e.id) ?? 'index.html'}#${anchor(e.id)}">${escapeHtml(e.text)}</a>`,
      level: e.level,
      children: [],
    };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  }
  const render = (nodes: Node[]): string =>
    `<ul>${nodes.map((n) => `<li>${n.html}${n.children.length ? render(n.children) : ''}</li>`).join('')}</ul>`;
  return render(root.children);
}
