// An e-mail address of any valid length (up to 254 characters) prints inside the packet form's e-mail box: smaller,
// then wrapped; read back from the personalized packet PDF with pdfjs, with the positions of its text.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergePackets } from '../src/mailmerge/merge.js';
import { openPdf } from './helpers/pdf.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-email-field-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 64 + 1 + 63 + 1 + 63 + 1 + 57 + 4 = 254 characters: the longest address RFC 5321 allows.
const LONGEST = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.org`;

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

async function formPage(path: string): Promise<Item[]> {
  const doc = await openPdf(new Uint8Array(readFileSync(path)), { useSystemFonts: false });
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const items = (await (await doc.getPage(i)).getTextContent()).items.flatMap((it) =>
        'str' in it && it.str.trim()
          ? [
              {
                str: it.str,
                x: it.transform[4],
                y: it.transform[5],
                width: it.width,
                size: Math.hypot(it.transform[0], it.transform[1]),
              },
            ]
          : [],
      );
      if (items.some((it) => it.str.includes('Employer and position'))) return items;
    }
    throw new Error('no application form in the packet');
  } finally {
    await doc.loadingTask.destroy();
  }
}

describe('the e-mail field of a personalized packet', () => {
  it('holds a 254-character address inside its box, smaller and wrapped', async () => {
    expect(LONGEST).toHaveLength(254);
    const roster = join(dir, 'roster.csv');
    writeFileSync(
      roster,
      `first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level\nAnn,Smith,1 Main St,,Lansing,MI,48933,${LONGEST},michigan,1\nBen,Short,2 Main St,,Lansing,MI,48933,ben@example.org,michigan,1\n`,
    );
    const out = join(dir, 'out');
    const result = await mergePackets({ project: process.cwd(), roster, outDir: out });
    expect(result.rejected).toEqual([]);
    const items = await formPage(join(out, 'line-0002-smith-ann.pdf'));
    const label = (s: string) => items.find((it) => it.str.trim() === s)!;
    const [email, phone, employer] = [label('Email'), label('Phone'), label('Employer and position')];
    // The box: below its label, left of the next field's (10 pt apart), above the next row's label.
    const box = { left: email.x, right: phone.x - 10, top: email.y, bottom: employer.y + employer.size };
    const parts = items.filter((it) => /^[a-d.@org]+$/.test(it.str.trim()) && it.y < email.y && it.y > employer.y);
    expect(parts.map((p) => p.str.trim()).join('')).toBe(LONGEST);
    expect(new Set(parts.map((p) => Math.round(p.y))).size).toBeGreaterThan(1); // wrapped
    for (const p of parts) {
      expect(p.size).toBeLessThan(10); // shrunk
      expect(p.x, p.str).toBeGreaterThanOrEqual(box.left);
      expect(p.x + p.width, p.str).toBeLessThanOrEqual(box.right);
      expect(p.y, p.str).toBeLessThan(box.top);
      expect(p.y, p.str).toBeGreaterThan(box.bottom);
    }
    // A short address is as it was: one line at 10 pt.
    const short = (await formPage(join(out, 'line-0003-short-ben.pdf'))).filter((it) =>
      it.str.includes('ben@example.org'),
    );
    expect(short.map((s) => Math.round(s.size))).toEqual([10]);
  }, 300_000);
});
