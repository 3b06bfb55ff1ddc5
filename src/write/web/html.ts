// Tree blocks to HTML: semantic elements a screen reader names (headings, lists, tables with
// scoped header cells and a caption, definition lists), nothing that needs JavaScript.
import { escapeXml as escapeHtml } from '../../text/escape.js';
import { runsText, type Block, type ListItem, type Run } from '../../compose/tree.js';

export { escapeHtml };

/** Ids of the tree ("l1.intro") as HTML ids: kept, they are already unique and readable. */
export const anchor = (id: string) => escapeHtml(id);

export function runsHtml(runs: Run[]): string {
  return runs
    .map((r) => {
      let t = escapeHtml(r.text).replace(/\n/g, '<br>');
      if (r.italic) t = `<em>${t}</em>`;
      if (r.bold) t = `<strong>${t}</strong>`;
      if (r.role === 'code') t = `<span class="code">${t}</span>`;
      return t;
    })
    .join('');
}

function itemsHtml(items: ListItem[], tag: 'ul' | 'ol', cls = ''): string {
  return `<${tag}${cls ? ` class="${cls}"` : ''}>${items.map((it) => `<li${it.id ? ` id="${anchor(it.id)}"` : ''}>${runsHtml(it.runs)}${it.children.length ? itemsHtml(it.children, 'ul') : ''}</li>`).join('')}</${tag}>`;
}

export interface HtmlContext {
  /** Heading levels of the tree are relative to a chapter: the page's h1 is the chapter's level 1. */
  headingShift: number;
  /** The caption of a Competency Detail table (the level it belongs to). */
  tableCaption: string;
}

const heading = (level: number, id: string, html: string) => {
  const h = Math.min(6, Math.max(1, level));
  return `<h${h} id="${anchor(id)}">${html}</h${h}>`;
};

export function blockHtml(b: Block, ctx: HtmlContext): string {
  switch (b.kind) {
    case 'heading':
      return heading(b.level + ctx.headingShift, b.id, escapeHtml(b.text));
    case 'paragraph':
      return `<p class="${b.role}">${runsHtml(b.runs)}</p>`;
    case 'list':
      if (b.style === 'plain') return itemsHtml(b.items, 'ul', 'plain');
      return b.style === 'number'
        ? itemsHtml(b.items, 'ol').replace('<ol>', b.start && b.start !== 1 ? `<ol start="${b.start}">` : '<ol>')
        : itemsHtml(b.items, 'ul');
    case 'table': {
      const head = `<thead><tr>${b.columns.map((c) => `<th scope="col">${runsHtml(c.title)}</th>`).join('')}</tr></thead>`;
      // Each cell carries its column's title: on a phone the rows stack, and each cell shows it as its label.
      const titles = b.columns.map((c) => escapeHtml(textOf(c.title)));
      const cellLabel = (i: number) => (titles[i] ? ` data-label="${titles[i]}"` : '');
      const rows = b.rows
        .map(
          (r) =>
            `<tr${r.id ? ` id="${anchor(r.id)}-row"` : ''}>${r.cells.map((c, i) => (c.rowHeader ? `<th scope="row"${cellLabel(i)}>${c.blocks.map((x) => blockHtml(x, ctx)).join('')}</th>` : `<td${cellLabel(i)}>${c.blocks.map((x) => blockHtml(x, ctx)).join('')}</td>`)).join('')}</tr>`,
        )
        .join('');
      const caption = b.role === 'competencyDetail' ? `<caption>${escapeHtml(ctx.tableCaption)}</caption>` : '';
      // A wide table scrolls in its own region, which the keyboard can reach.
      const label = b.role === 'competencyDetail' ? ctx.tableCaption : textOf(b.columns.flatMap((c) => c.title));
      return `<div class="table-wrap" role="region" tabindex="0" aria-label="${escapeHtml(label)}"><table class="${b.role}"${b.id ? ` id="${anchor(b.id)}-table"` : ''}>${caption}${head}<tbody>${rows}</tbody></table></div>`;
    }
    case 'definitions':
      return `<dl class="glossary">${b.entries.map((e) => `<dt id="${anchor(e.id)}">${escapeHtml(e.term)}</dt><dd>${runsHtml(e.definition)}</dd>`).join('')}</dl>`;
    case 'impactMap': {
      // Read in order: each column a headed list; the arrows between them are decoration.
      const cols = b.columns
        .map(
          (c, i) =>
            `${i ? '<span class="arrow" aria-hidden="true">→</span>' : ''}<section class="map-column">${heading(3 + ctx.headingShift, `${b.id}.${i + 1}`, escapeHtml(c.title))}${c.items.length ? itemsHtml(c.items, 'ul') : ''}</section>`,
        )
        .join('');
      return `<section class="impact-map" aria-labelledby="${anchor(b.id)}">${heading(2 + ctx.headingShift, b.id, escapeHtml(b.title))}${b.notes.map((n) => blockHtml(n, ctx)).join('')}<div class="map-columns">${cols}</div></section>`;
    }
    case 'checklist':
      return `<ul class="checklist">${b.items.map((i) => `<li>${runsHtml(i)}</li>`).join('')}</ul>`;
    case 'form':
    case 'log':
    case 'letter':
    case 'pageBreak':
      // Packets' fill-in parts are not part of the web edition (a booklet has none).
      return '';
  }
}

/** The plain text of runs, for titles and captions. */
export const textOf = (runs: Run[]) => runsText(runs);
