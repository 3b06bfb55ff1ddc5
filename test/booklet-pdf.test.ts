// The Michigan booklet PDF, read back with pdfjs-dist.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../src/editions/source.js';
import { manifest, outFile } from './helpers/built.js';
import { readPdf, type PdfFacts } from './helpers/pdf.js';

const tree = loadSource(process.cwd());
let pdf: PdfFacts;
const squash = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  pdf = await readPdf(outFile('michigan', 'competency-guidelines.pdf'));
});

describe('Michigan booklet PDF', () => {
  it('is a booklet of at least 25 US Letter pages, with the page count in the manifest', () => {
    expect(pdf.pages.length).toBeGreaterThanOrEqual(25);
    expect(pdf.pages[0]).toMatchObject({ width: 612, height: 792 });
    const entry = manifest().files.find((f) => f.path === 'michigan/competency-guidelines.pdf');
    expect(entry).toMatchObject({ edition: 'michigan', kind: 'booklet', format: 'pdf', pages: pdf.pages.length });
    expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has title, author, subject and language in its metadata', () => {
    expect(pdf.info.Title).toBe('MI-AIMH Competency Guidelines');
    expect(pdf.info.Author).toBe('Michigan Association for Infant Mental Health');
    expect(String(pdf.info.Subject)).toContain('Endorsement');
    expect(pdf.info.Language).toBe('en-US');
  });

  it('draws the Level 4 Impact Map on a 792 x 612 landscape page', () => {
    const map = pdf.pages.findIndex((p) => p.text.includes('Level 4 Impact Map') && p.width === 792);
    expect(map).toBeGreaterThan(0);
    expect(pdf.pages[map].height).toBe(612);
    for (const column of [
      'Capabilities',
      'Key Responsibilities',
      'Level 4 Results',
      'Service Objectives',
      'Service Goal',
    ]) {
      expect(squash(pdf.pages[map].text)).toContain(column);
    }
    // Only the map is landscape (a dense map may continue on a second landscape page).
    const landscape = pdf.pages.map((p, i) => (p.width === 792 ? i : -1)).filter((i) => i >= 0);
    expect(landscape[0]).toBe(map);
    expect(landscape.length).toBeLessThanOrEqual(2);
    expect(landscape.every((i, k) => i === map + k)).toBe(true);
  });

  it('lists every level and every area in its table of contents, with page numbers', () => {
    const first = pdf.pages.findIndex((p) => p.text.includes('Contents'));
    const body = pdf.pages.findIndex((p, i) => i > first && p.text.includes('Area of Expertise'));
    const tocPages = pdf.pages.slice(first, body - 1);
    const toc = tocPages.map((p) => p.text).join('\n');
    for (const level of tree.base.levels) {
      expect(toc).toMatch(new RegExp(`Level ${level.level}: ${level.title}\\s*\\d+`));
      for (const area of level.detail.areas) {
        const page = toc.match(new RegExp(`${area.name.replace(/[.*+?^${}()|[\]\\&]/g, '\\$&')}\\s*(\\d+)`));
        expect(page, area.name).not.toBeNull();
        // The area really is on the page the TOC names.
        expect(squash(pdf.pages[Number(page![1]) - 1].text)).toContain(area.name);
      }
    }
    expect(toc).toMatch(/Glossary\s*\d+/);
  });

  it('has bookmarks that mirror the contents: levels with their areas', () => {
    const titles = pdf.outline.map((o) => o.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Level 1: Infant Family Associate', 'Level 4: Infant Mental Health Mentor', 'Glossary']),
    );
    const l4 = pdf.outline.find((o) => o.title.startsWith('Level 4'))!;
    expect(l4.children).toEqual(
      expect.arrayContaining([
        'Introduction',
        'Competency Detail',
        'Leading People',
        'Research and Evaluation',
        'Level 4 Impact Map',
      ]),
    );
  });

  it('starts each level and part on a right-hand (odd) page, as printed two-sided', () => {
    expect(pdf.outline.length).toBeGreaterThanOrEqual(7);
    for (const o of pdf.outline) expect(o.page % 2, `${o.title} on page ${o.page}`).toBe(1);
  });

  it('carries the MI-AIMH copyright notice and a running footer', () => {
    expect(squash(pdf.text)).toContain(
      'This document may not be reproduced, displayed, distributed or otherwise used in any format',
    );
    // The footer is the last line drawn: the copyright line, and the folio on the outside edge (after it on a
    // right-hand page, before it on a left-hand one), the page's own number.
    expect(pdf.pages[10].text).toMatch(/\n[^\n]*© Michigan Association for Infant Mental Health \(MI-AIMH\) 11$/);
    expect(pdf.pages[11].text).toMatch(/12 © Michigan Association for Infant Mental Health \(MI-AIMH\)$/);
  });

  it('repeats the Competency Detail header row on every page the table continues on', () => {
    const detailPages = pdf.pages.filter((p) => p.width === 612 && /Knowledge Areas|Skill Areas/.test(p.text));
    expect(detailPages.length).toBeGreaterThan(20);
    for (const p of detailPages) expect(p.text).toContain('As Demonstrated By');
  });

  it('leaves out, and does not fake, the Impact Maps the texts lack', () => {
    for (const n of [1, 2, 3]) expect(pdf.text).not.toContain(`Level ${n} Impact Map`);
  });

  it('prints Level 4 codes as data after their competency', () => {
    expect(squash(pdf.text)).toContain('Monitors or evaluates service process and outcomes (S, T)');
  });
});
