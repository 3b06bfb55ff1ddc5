// The readers' parts one by one, on inputs written here: caps and excerpts, responsibility codes, ids and slugs, the
// file reader's refusals, logos, parsed trees, YAML mistakes and zod problems, the language tables, and source/ as a
// whole (a small project in a temp folder): each refusal by its exact message. (Markdown → model: reader-fixtures.)
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Diagnostics, InputError } from '../src/model/diagnostics.js';
import { CAPS, charCount, excerpt, fileOverCap, overCap } from '../src/read/caps.js';
import { codesInLeadIn, takeTrailingCodes } from '../src/read/codes.js';
import { readText } from '../src/read/files.js';
import { slug, takeId } from '../src/read/ids.js';
import { inlinesOf, trimRuns } from '../src/read/inline.js';
import { readLogo } from '../src/read/logo.js';
import { parseMarkdown, posOf } from '../src/read/markdown.js';
import { loadSource } from '../src/editions/source.js';
import { readPacketTemplate } from '../src/read/templates.js';
import { checkPacketWords, englishWords, readWords, type WordsTable } from '../src/read/words.js';
import { readYaml } from '../src/read/yaml.js';
import { commentedValue, misindentedKey } from '../src/read/yaml-mistakes.js';
import { readLevel, readLevelParts } from '../src/read/level.js';
import { plainText } from '../src/read/inline.js';
import { contextFor, md } from './helpers/read-md.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(prefix = 'cg-read-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

describe('caps and excerpts', () => {
  it('quotes at most 40 characters, escaping controls, separators and bidi controls', () => {
    expect(excerpt('Ana')).toBe('"Ana"');
    expect(excerpt('x'.repeat(40))).toBe(`"${'x'.repeat(40)}"`);
    expect(excerpt('x'.repeat(41))).toBe(`"${'x'.repeat(40)}…"`);
    expect(excerpt('😀'.repeat(41))).toBe(`"${'😀'.repeat(40)}…"`);
    expect(excerpt('😀'.repeat(40))).toBe(`"${'😀'.repeat(40)}"`);
    expect(excerpt('a\r\nb\u0085c\u2028d\u2029e\u202ef\u2066g\u200eh\u200fi\u061cj\u0000')).toBe(
      '"a\\u{D}\\u{A}b\\u{85}c\\u{2028}d\\u{2029}e\\u{202E}f\\u{2066}g\\u{200E}h\\u{200F}i\\u{61C}j\\u{0}"',
    );
    expect(excerpt('\u202a\u2069\u200d')).toBe('"\\u{202A}\\u{2069}\u200d"');
  });

  it('counts characters, not UTF-16 units, and refuses past a cap by its length', () => {
    expect(charCount('')).toBe(0);
    expect(charCount('abc')).toBe(3);
    expect(charCount('😀😀')).toBe(2);
    expect(charCount('a😀b')).toBe(3);
    expect(charCount('\udc00')).toBe(1); // a lone low surrogate is a character of its own
    expect(charCount('a\udc00')).toBe(2);
    expect(charCount('\ud800\ud800')).toBe(2);
    expect(charCount('\ue000\udc00')).toBe(2);
    expect(charCount('\u{10000}\u{10FFFF}\u{FFFFF}\u{20000}')).toBe(4); // pairs at the surrogates' bounds
    expect(charCount('\ud800\ue000')).toBe(2);
    expect(charCount('\ud7ff\udc00')).toBe(2);
    expect(overCap('abc', 3)).toBeNull();
    expect(overCap('abcd', 3)).toBe('is 4 characters');
    expect(overCap('😀😀😀', 3)).toBeNull(); // 6 units, 3 characters
    expect(overCap('x'.repeat(1234567), 1000)).toBe('is 1,234,567 characters');
    expect(fileOverCap('/a/roster.csv', 16 * 1024 * 1024, CAPS.rosterBytes, 'a roster')).toBeNull();
    expect(fileOverCap('/a/roster.csv', 16 * 1024 * 1024 + 1, CAPS.rosterBytes, 'a roster')).toBe(
      'roster.csv: the file is 16.0 MB; expected a roster of at most 16 MB',
    );
    expect(fileOverCap('/a/big.xlsx', 40 * 1024 * 1024, CAPS.rosterBytes, 'a roster')).toBe(
      'big.xlsx: the file is 40.0 MB; expected a roster of at most 16 MB',
    );
  });
});

describe('responsibility codes, ids and slugs', () => {
  const run = (text: string) => [{ text }];
  it('cuts trailing codes of single capitals joined by commas, and, and/or, & or /; unknown letters reported', () => {
    expect(takeTrailingCodes(run('Models care (S, T)'))).toEqual({
      codes: ['S', 'T'],
      unknown: [],
      runs: run('Models care'),
    });
    expect(takeTrailingCodes(run('Leads ( P and C ) '))).toEqual({
      codes: ['C', 'P'],
      unknown: [],
      runs: run('Leads'),
    });
    expect(takeTrailingCodes(run('Leads (T and/or S)')).codes).toEqual(['S', 'T']);
    expect(takeTrailingCodes(run('Leads (T & S/C)')).codes).toEqual(['C', 'S', 'T']);
    expect(takeTrailingCodes(run('Leads (S, X)'))).toEqual({ codes: ['S'], unknown: ['X'], runs: run('Leads') });
    expect(takeTrailingCodes(run('Cites the DSM (DSM-IV)'))).toEqual({
      codes: [],
      unknown: [],
      runs: run('Cites the DSM (DSM-IV)'),
    });
    expect(takeTrailingCodes(run('(C)'))).toEqual({ codes: ['C'], unknown: [], runs: [] });
    expect(takeTrailingCodes([{ text: 'Bold', bold: true }, { text: ' part (S)' }])).toEqual({
      codes: ['S'],
      unknown: [],
      runs: [{ text: 'Bold', bold: true }, { text: ' part' }],
    });
    expect(takeTrailingCodes([])).toEqual({ codes: [], unknown: [], runs: [] });
    expect(codesInLeadIn('All are C, S, T and P:')).toEqual(['C', 'S', 'T', 'P']);
    expect(codesInLeadIn("Tom's P-value, C's and T-cells (S):")).toEqual(['S']);
    expect(codesInLeadIn('Both P and C')).toEqual(['C', 'P']);
    expect(codesInLeadIn('No codes at all')).toEqual([]);
  });

  it('takes a trailing {#id} off the runs', () => {
    expect(takeId(run('Title {#l2.x} '))).toEqual({ id: 'l2.x', runs: run('Title') });
    expect(takeId(run('{#only}'))).toEqual({ id: 'only', runs: [] });
    expect(takeId([{ text: 'A' }, { text: ' b {#i}' }])).toEqual({ id: 'i', runs: [{ text: 'A' }, { text: ' b' }] });
    expect(takeId(run('No id {#a b}'))).toEqual({ id: null, runs: run('No id {#a b}') });
    expect(takeId(run('Mid {#x} text'))).toEqual({ id: null, runs: run('Mid {#x} text') });
    expect(takeId([])).toEqual({ id: null, runs: [] });
  });

  it('slugs words without accents, marks or ampersands, up to a number of words', () => {
    expect(slug('Systems Expertise')).toBe('systems-expertise');
    expect(slug('  Café & Crème — Brûlée!  ')).toBe('cafe-creme-brulee');
    expect(slug('One two three four five six', 5)).toBe('one-two-three-four-five');
    expect(slug('R&D')).toBe('r-d');
    expect(slug('…')).toBe('');
    expect(slug('Level 3 Results')).toBe('level-3-results');
  });
});

describe('inline text', () => {
  const inlines = (text: string, diag = new Diagnostics()) => {
    const tree = parseMarkdown('in.md', text).tree;
    const p = tree.children[0];
    return { runs: p.type === 'paragraph' ? inlinesOf('in.md', p.children, diag) : [], diag };
  };
  it('refuses footnotes and other Markdown it does not print, by position', () => {
    const { runs, diag } = inlines('See note[^1] and ![x](y.png).\n\n[^1]: The note.\n');
    expect(runs).toEqual([{ text: 'See note and .' }]);
    expect(diag.messages()).toEqual([
      'in.md:1:9: unsupported Markdown (footnoteReference); expected text, *italic* or **bold**',
      'in.md:1:18: images are not allowed in the guidelines text; expected plain text',
    ]);
    expect(inlines('An ![image][r].\n\n[r]: y.png\n').diag.messages()).toEqual([
      'in.md:1:4: images are not allowed in the guidelines text; expected plain text',
    ]);
    expect(inlines('A [ref][r] and <i>x</i>.\n\n[r]: http://x\n').diag.messages()).toEqual([
      'in.md:1:3: links are not allowed in the guidelines text; expected plain text',
      'in.md:1:16: raw HTML "<i>" is not allowed; expected plain Markdown (*italic*, **bold**, lists)',
      'in.md:1:20: raw HTML "</i>" is not allowed; expected plain Markdown (*italic*, **bold**, lists)',
    ]);
  });

  it('quotes the first 30 characters of raw HTML', () => {
    expect(inlines('A <span class="a-very-long-class-name-indeed">x</span>\n').diag.messages()[0]).toBe(
      'in.md:1:3: raw HTML "<span class="a-very-long-class" is not allowed; expected plain Markdown (*italic*, **bold**, lists)',
    );
  });

  it('merges runs of the same style, across emphasis and strikethrough', () => {
    expect(inlines('*a* *b* **c** ~~d~~ ***e***\n').runs).toEqual([
      { text: 'a', italic: true },
      { text: ' ' },
      { text: 'b', italic: true },
      { text: ' ' },
      { text: 'c', bold: true },
      { text: ' d ' },
      { text: 'e', bold: true, italic: true },
    ]);
    expect(inlines('**a *b***\n').runs).toEqual([
      { text: 'a ', bold: true },
      { text: 'b', bold: true, italic: true },
    ]);
    expect(inlines('*a **b** c*\n').runs).toEqual([
      { text: 'a ', italic: true },
      { text: 'b', bold: true, italic: true },
      { text: ' c', italic: true },
    ]);
  });

  it('trims the outer whitespace of a run list, dropping runs that are only whitespace', () => {
    expect(trimRuns([{ text: '  ' }, { text: ' a ', bold: true }, { text: ' b ' }, { text: ' ' }])).toEqual([
      { text: 'a ', bold: true },
      { text: ' b' },
    ]);
    expect(trimRuns([{ text: '   ' }])).toEqual([]);
    const runs = [{ text: ' x ' }];
    expect(trimRuns(runs)).toEqual([{ text: 'x' }]);
    expect(runs).toEqual([{ text: ' x ' }]);
  });
});

describe('source files as text', () => {
  const read = (bytes: Uint8Array | string | null, name = 'f.md') => {
    const dir = tempDir();
    const path = join(dir, name);
    if (bytes !== null) writeFileSync(path, bytes);
    const diag = new Diagnostics();
    return { text: readText(path, `shown/${name}`, diag), messages: diag.messages() };
  };
  it('reads UTF-8 without its BOM, with LF line ends', () => {
    expect(read('\ufeffA\r\nB\rC\n')).toEqual({ text: 'A\nB\nC\n', messages: [] });
  });
  it('refuses a missing, empty, binary, mis-encoded or too large file, naming the line and column', () => {
    expect(read(null)).toEqual({
      text: null,
      messages: ['shown/f.md:1:1: cannot read the file (ENOENT); expected a readable file'],
    });
    expect(read(' \n\t\n').messages).toEqual(["shown/f.md:1:1: the file is empty; expected the section's text"]);
    expect(read('\ufeff').messages).toEqual(["shown/f.md:1:1: the file is empty; expected the section's text"]);
    expect(read('ab\ncd\nef\u0000').messages).toEqual([
      'shown/f.md:3:3: the file is binary (it contains a NUL byte); expected a UTF-8 text file',
    ]);
    expect(read('\u0000').messages).toEqual([
      'shown/f.md:1:1: the file is binary (it contains a NUL byte); expected a UTF-8 text file',
    ]);
    const bad = (prefix: string, bytes: number[]) =>
      read(Buffer.concat([Buffer.from(prefix), Buffer.from(bytes)])).messages;
    const notUtf8 = (line: number, column: number) => [
      `shown/f.md:${line}:${column}: the file is not valid UTF-8; expected UTF-8 text (save it as "UTF-8" in your editor)`,
    ];
    expect(bad('a\nbé', [0xe9])).toEqual(notUtf8(2, 4)); // é is two bytes: the Latin-1 é after it is byte 4
    expect(bad('x', [0xc3])).toEqual(notUtf8(1, 2)); // a lead byte at the end
    expect(bad('x€', [0xe2, 0x82, 0x41])).toEqual(notUtf8(1, 5)); // a lead byte whose second follower is not one
    expect(bad('😀', [0xf0, 0x9f, 0x98])).toEqual(notUtf8(1, 5));
    expect(bad('', [0xff])).toEqual(notUtf8(1, 1));
    expect(bad('', [0x80])).toEqual(notUtf8(1, 1)); // a follower byte with no lead
    expect(bad('', [0xed, 0xa0, 0x80])).toEqual(notUtf8(1, 1)); // a surrogate: well formed bytes, not UTF-8
    expect(bad('ab\ncd', [0xc0, 0x80])).toEqual(notUtf8(1, 1)); // an overlong form: the scan finds no bad byte, so the start
    expect(read(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61)).messages).toEqual([
      'shown/f.md:1:1: the file is larger than 5 MB; expected a Markdown or YAML text file',
    ]);
    expect(read(Buffer.alloc(5 * 1024 * 1024, 0x61)).messages).toEqual([]);
  });
});

/** A PNG of the given size, with a valid header chunk. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe("an edition's logo", () => {
  const at = { file: 'source/editions/ex/edition.yaml', line: 9, column: 7 };
  const logo = (bytes: Buffer | null, name = 'logo.png') => {
    const dir = tempDir();
    if (bytes) writeFileSync(join(dir, name), bytes);
    const diag = new Diagnostics();
    return { logo: readLogo(join(dir, name), at, diag), messages: diag.messages() };
  };
  it('reads a PNG or a JPEG by its bytes, with its size in pixels', () => {
    const r = logo(png(3, 2));
    expect(r.messages).toEqual([]);
    expect(r.logo).toMatchObject({ type: 'png', width: 3, height: 2 });
    expect(r.logo!.bytes).toEqual(new Uint8Array(png(3, 2)));
    // A JPEG: SOI, then a baseline frame header giving 5 x 4.
    const app0 = [
      0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    ];
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      ...app0,
      0xff,
      0xc0,
      0x00,
      0x11,
      0x08,
      0x00,
      0x04,
      0x00,
      0x05,
      0x03,
      0x01,
      0x22,
      0x00,
      0x02,
      0x11,
      0x01,
      0x03,
      0x11,
      0x01,
      0xff,
      0xd9,
    ]);
    expect(logo(jpeg, 'logo.jpg').logo).toMatchObject({ type: 'jpg', width: 5, height: 4 });
  });
  it('refuses a missing file, another format and a damaged image, by name', () => {
    expect(logo(null).messages).toEqual([
      'source/editions/ex/edition.yaml:9:7: the logo file "logo.png" is not in the edition folder; expected a PNG or JPEG file next to edition.yaml',
    ]);
    expect(logo(Buffer.from('GIF89a....'), 'logo.png').messages).toEqual([
      'source/editions/ex/edition.yaml:9:7: the logo "logo.png" is not a PNG or JPEG image; expected a PNG or JPEG file (export it again as PNG)',
    ]);
    expect(logo(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a])).messages[0]).toContain(
      'is not a PNG or JPEG image',
    );
    expect(logo(png(3, 2).subarray(0, 12)).messages).toEqual([
      'source/editions/ex/edition.yaml:9:7: the logo "logo.png" is a damaged image; expected a PNG or JPEG file that opens in an image viewer',
    ]);
    expect(logo(png(0, 2)).messages[0]).toContain('is a damaged image');
  });
});

describe('Markdown trees', () => {
  it("names a node's position, or line 1 column 1 without one; reads front matter and the line it starts on", () => {
    expect(posOf('a.md', undefined)).toEqual({ file: 'a.md', line: 1, column: 1 });
    expect(posOf('a.md', { type: 'text' })).toEqual({ file: 'a.md', line: 1, column: 1 });
    const f = parseMarkdown('b.md', md('---', 'level: 2', '---', '', '# T {#t}'));
    expect(f.frontMatter).toEqual({ text: 'level: 2', firstLine: 2 });
    expect(posOf('b.md', f.tree.children[1])).toEqual({ file: 'b.md', line: 5, column: 1 });
    expect(parseMarkdown('c.md', '# T\n').frontMatter).toBeNull();
  });
  it('keeps at most 64 parsed trees in memory, the oldest let go first, and gives the same tree for the same file and text', () => {
    const first = parseMarkdown('keep-0.md', '# Zero\n').tree;
    expect(parseMarkdown('keep-0.md', '# Zero\n').tree).toBe(first);
    expect(parseMarkdown('other.md', '# Zero\n').tree).not.toBe(first);
    for (let i = 1; i <= 64; i++) parseMarkdown(`keep-${i}.md`, `# ${i}\n`);
    expect(parseMarkdown('keep-64.md', '# 64\n').tree).toBe(parseMarkdown('keep-64.md', '# 64\n').tree);
    const again = parseMarkdown('keep-0.md', '# Zero\n').tree;
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('a level read with its problems', () => {
  it('pads an Impact Map of four columns to five with the expected titles, and cuts one of six to five', () => {
    const read = (cols: string[]) => {
      const ctx = contextFor('l.md');
      const text = md(
        '---',
        'level: 3',
        'title: T',
        '---',
        '',
        '# Introduction {#l3.intro}',
        '',
        'Text.',
        '',
        '# Competency Detail {#l3.detail}',
        '',
        '## A {#l3.a}',
        '',
        '### Skill Areas',
        '',
        '- s',
        '',
        '### As Demonstrated By',
        '',
        '- D',
        '',
        '# Impact Map {#l3.impact-map}',
        '',
        ...cols.flatMap((c) => [`## ${c}`, '', `- item of ${c}`, '']),
      );
      return readLevel(ctx, parseMarkdown('l.md', text))!.impactMap!.columns.map(
        (c) => `${c.title}: ${c.items.map((i) => plainText(i.text)).join(', ')}`,
      );
    };
    expect(read(['Capabilities', 'Key Responsibilities', 'Level 3 Results', 'Service Objectives'])).toEqual([
      'Capabilities: item of Capabilities',
      'Key Responsibilities: item of Key Responsibilities',
      'Level 3 Results: item of Level 3 Results',
      'Service Objectives: item of Service Objectives',
      'Service Goal: ',
    ]);
    expect(
      read(['Capabilities', 'Key Responsibilities', 'Level 3 Results', 'Service Objectives', 'Service Goal', 'Extra']),
    ).toEqual([
      'Capabilities: item of Capabilities',
      'Key Responsibilities: item of Key Responsibilities',
      'Level 3 Results: item of Level 3 Results',
      'Service Objectives: item of Service Objectives',
      'Service Goal: item of Service Goal',
    ]);
  });

  it("gives a group without a lead-in no codes; reads an edition's level file without front matter, its map as of level 0", () => {
    const ctx = contextFor('l.md');
    const l = readLevel(
      ctx,
      parseMarkdown(
        'l.md',
        md(
          '---',
          'level: 1',
          'title: T',
          '---',
          '',
          '# Introduction {#l1.intro}',
          '',
          'Text.',
          '',
          '# Competency Detail {#l1.detail}',
          '',
          '## A {#l1.a}',
          '',
          '### Skill Areas',
          '',
          '- s',
          '',
          '### As Demonstrated By',
          '',
          '- D',
        ),
      ),
    )!;
    expect(l.detail.areas[0].groups.map((g) => [g.leadIn, g.codes])).toEqual([[null, []]]);
    const o = contextFor('ex/level-1.md');
    readLevelParts(
      o,
      parseMarkdown('ex/level-1.md', md('# Impact Map {#l1.impact-map}', '', '## Capabilities', '', '- c')),
      true,
    );
    expect(o.diag.messages()).toEqual([
      'ex/level-1.md:1:1: the file has no front matter; expected a "---" block at the top with "level: 1..4"',
      'ex/level-1.md:1:1: Impact Map has 1 columns; expected the five columns Capabilities, Key Responsibilities, Level 0 Results, Service Objectives, Service Goal',
    ]);
  });

  it('refuses what is not a bullet under an edition\'s "### Competencies"', () => {
    const ctx = contextFor('ex/level-2.md');
    const parts = readLevelParts(
      ctx,
      parseMarkdown(
        'ex/level-2.md',
        md(
          '---',
          'level: 2',
          '---',
          '',
          '# Competency Detail {#l2.detail}',
          '',
          '## Thinking {#l2.thinking}',
          '',
          '### Competencies',
          '',
          'A paragraph.',
          '',
          '- New {#ex.new}',
        ),
      ),
      true,
    )!;
    expect(ctx.diag.messages()).toEqual([
      'ex/level-2.md:11:1: unexpected paragraph under "### Competencies"; expected bullets that end with the {#id} they replace or add',
    ]);
    expect(parts.detail!.patches.map((p) => [p.id, p.competencies.map((c) => c.id)])).toEqual([
      ['l2.thinking', ['ex.new']],
    ]);
    expect(parts.detail!.areas).toEqual([]);
  });
});

describe('YAML with its mistakes explained', () => {
  const Schema = z
    .object({
      name: z.string(),
      count: z.number().max(3).optional(),
      items: z.array(z.string().min(1)).max(2).optional(),
      kind: z.enum(['a', 'b']).optional(),
      inner: z.object({ deep: z.boolean() }).strict().optional(),
      day: z.iso.date().optional(),
      email: z.email().optional(),
      code: z.string().regex(/^x/, 'a code starting with x').optional(),
      word: z.string().max(3).optional(),
      low: z.number().min(5).optional(),
    })
    .strict();
  const yaml = (text: string, firstLine = 1, what?: string) => {
    const diag = new Diagnostics();
    const r = readYaml('f.yaml', text, Schema, diag, firstLine, what);
    return { value: r?.value ?? null, locate: r?.locate, messages: diag.messages() };
  };
  it('locates a value by its path, from the line the text starts on', () => {
    const r = yaml('name: a\nitems:\n  - one\n  - two\n', 3);
    expect(r.value).toEqual({ name: 'a', items: ['one', 'two'] });
    expect(r.locate!(['items', 1])).toEqual({ file: 'f.yaml', line: 6, column: 5 });
    expect(r.locate!(['nothing'])).toEqual({ file: 'f.yaml', line: 3, column: 1 });
  });
  it('names each problem at its key, with what was expected', () => {
    expect(
      yaml(
        'name: 3\ncount: 9\nitems: [a, b, c]\nkind: c\ninner:\n  deep: maybe\n  extra: 1\nday: 2026-02-30\nemail: x@\ncode: y\nword: long\nlow: 1\n',
      ).messages,
    ).toEqual([
      'f.yaml:1:1: "name" is 3; expected a text value',
      'f.yaml:2:1: "count" is 9; expected a number at most 3',
      'f.yaml:3:1: "items" is ["a","b","c"]; expected at most 2 items',
      'f.yaml:4:1: "kind" is "c"; expected one of "a", "b"',
      'f.yaml:6:3: "inner.deep" is "maybe"; expected true or false',
      'f.yaml:7:3: unknown setting "inner.extra"; expected only the documented keys (see source/README.md and templates/packet.yaml)',
      'f.yaml:8:1: "day" is "2026-02-30"; expected a date written YYYY-MM-DD, such as 2026-11-01',
      'f.yaml:9:1: "email" is "x@"; expected a valid email',
      'f.yaml:10:1: "code" is "y"; expected a code starting with x',
      'f.yaml:11:1: "word" is "long"; expected at most 3 characters',
      'f.yaml:12:1: "low" is 1; expected a number at least 5',
    ]);
    expect(yaml('name: a\nitems: [""]\n').messages).toEqual(['f.yaml:2:9: "items.0" is ""; expected a non-empty text']);
    expect(yaml('name: a\ncount: x\n').messages).toEqual(['f.yaml:2:1: "count" is "x"; expected a number']);
    expect(yaml('count: 1\n').messages).toEqual(['f.yaml:1:1: "name" is missing; expected a text value']);
    expect(yaml('inner: 3\nname: a\n').messages).toEqual(['f.yaml:1:1: "inner" is 3; expected a object']);
    expect(yaml('name: a\ninner: {}\n').messages).toEqual([
      'f.yaml:2:8: "inner.deep" is missing; expected true or false',
    ]);
    const diag = new Diagnostics();
    readYaml(
      'g.yaml',
      'a: 1\n',
      z.object({ a: z.number() }).refine((v) => v.a > 1, { message: 'a number above 1', path: ['a'] }),
      diag,
    );
    expect(diag.messages()).toEqual(['g.yaml:1:1: "a" is 1; expected a number above 1']);
    expect(yaml('- a\n').messages).toEqual(['f.yaml:1:1: "" is ["a"]; expected a object']);
  });
  it('says to quote a colour YAML reads as a comment, and names the file part that is not YAML', () => {
    expect(yaml('name: #abc\n').messages).toEqual([
      'f.yaml:1:1: YAML reads "#abc" as a comment, so "name" has no value; put the value in quotes: name: "#abc"',
    ]);
    expect(yaml('name:\n').messages).toEqual(['f.yaml:1:1: "name" is null; expected a text value']);
    expect(yaml('name: [a\n', 4, 'front matter').messages).toEqual([
      'f.yaml:5:1: front matter is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]); expected "key: value" lines',
    ]);
    expect(commentedValue('  coverColour: #00695c', 'coverColour')).toBe(
      'YAML reads "#00695c" as a comment, so "coverColour" has no value; put the colour in quotes: coverColour: "#00695c"',
    );
    expect(commentedValue('name:', 'name')).toBeNull();
  });
  it('says how far to indent a key indented differently from the keys around it', () => {
    expect(yaml('name: a\n  count: 1\n', 10).messages).toEqual([
      'f.yaml:11:3: "count" is indented further than "name" on the line above, which holds a value; indent "count" as far as "name" (not indented)',
    ]);
    expect(yaml('inner:\n    deep: true\n   name: b\n').messages).toEqual([
      'f.yaml:3:4: "name" is indented 3 spaces, like no key above it; indent it as far as "deep" (4 spaces) or "inner" (not indented)',
    ]);
    const e = (code: string, line: number) => [{ code, line }];
    expect(misindentedKey('a:\n  b: 1\n # note\n\n c: 2\n', e('BAD_INDENT', 4))).toEqual({
      line: 4,
      column: 2,
      problem:
        '"c" is indented 1 space, like no key above it; indent it as far as "b" (2 spaces) or "a" (not indented)',
    });
    expect(misindentedKey('a: 1\n\n# note\n  b: 2\n', e('BLOCK_AS_IMPLICIT_KEY', 0))).toEqual({
      line: 3,
      column: 3,
      problem:
        '"b" is indented further than "a" on the line above, which holds a value; indent "b" as far as "a" (not indented)',
    });
    expect(misindentedKey('a: # c\n  b: 2\n', e('MULTILINE_IMPLICIT_KEY', 0))).toEqual({
      line: 1,
      column: 3,
      problem: '"b" is indented 2 spaces, like no key above it; indent it as far as "a" (not indented)',
    });
    expect(misindentedKey('"a b": 1\n  \'c\': 2\n', e('BAD_INDENT', 1))!.problem).toBe(
      '"c" is indented further than "a b" on the line above, which holds a value; indent "c" as far as "a b" (not indented)',
    );
    expect(misindentedKey('a: 1\n', e('TAB_AS_INDENT', 0))).toBeNull();
    expect(misindentedKey('a: 1\n- x\n', e('BAD_INDENT', 1))).toBeNull();
    expect(misindentedKey('  a: 1\n', e('BAD_INDENT', 0))).toBeNull();
    expect(misindentedKey('a: 1\n', e('BAD_INDENT', 5))).toBeNull();
  });
});

/** A small project: four base levels, the packet template and the language tables of this repository. */
function project(files: Record<string, string | Buffer> = {}, without: string[] = []): string {
  const dir = tempDir('cg-project-');
  for (const t of ['templates/packet.yaml', 'templates/translations/en.yaml', 'templates/translations/es.yaml']) {
    mkdirSync(join(dir, t, '..'), { recursive: true });
    cpSync(join(process.cwd(), t), join(dir, t));
  }
  const levelFile = (n: number) =>
    md(
      '---',
      `level: ${n}`,
      `title: Level ${n} title`,
      '---',
      '',
      `# Introduction {#l${n}.intro}`,
      '',
      'Text.',
      '',
      `# Competency Detail {#l${n}.detail}`,
      '',
      `## Area {#l${n}.area}`,
      '',
      '### Skill Areas',
      '',
      '- skill',
      '',
      '### As Demonstrated By',
      '',
      '- Does it',
    );
  const all: Record<string, string | Buffer> = {
    ...Object.fromEntries([1, 2, 3, 4].map((n) => [`source/base/level-${n}.md`, levelFile(n)])),
    'source/base/glossary.md': md('# Glossary {#glossary}', '', '**Dyad**: two.'),
    'source/editions/ex/edition.yaml': md(
      'association:',
      '  name: Example',
      '  abbreviation: EX',
      'publicationDate: 2026-11-01',
      "copyrightLine: '© EX'",
    ),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    if (without.includes(path)) continue;
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const path of without) rmSync(join(dir, path), { recursive: true, force: true });
  return dir;
}

function problems(dir: string): string[] {
  try {
    loadSource(dir);
    return [];
  } catch (e) {
    if (e instanceof InputError) return e.messages;
    throw e;
  }
}

describe('source/ as a whole', () => {
  it('reads the base, each edition with its overrides, settings, logo and language, and lists every file read', () => {
    const dir = project({
      'source/editions/ex/edition.yaml': md(
        'association:',
        '  name: Example',
        '  abbreviation: EX',
        'publicationDate: 2026-11-01',
        "copyrightLine: '© EX'",
        'logo: logo.png',
        'language: es-MX',
        'remove:',
        '  - l4.area',
      ),
      'source/editions/ex/logo.png': png(4, 4),
      'source/editions/ex/level-2.md': md(
        '---',
        'level: 2',
        'title: Other title',
        '---',
        '',
        '# Introduction {#l2.intro}',
        '',
        'Our text.',
      ),
      'source/editions/ex/glossary.md': md('# Glossary {#glossary}', '', '**Pair**: two.'),
      'source/editions/ex/committee.md': md('# Committee {#committee}', '', 'Us.'),
      'source/editions/ex/.DS_Store': 'x',
      'source/editions/.staging/edition.yaml': 'not read',
      'source/editions/en/edition.yaml': md(
        'association:',
        '  name: English',
        '  abbreviation: EN',
        'publicationDate: 2026-11-01',
        "copyrightLine: '© EN'",
        'language: fr',
      ),
    });
    const tree = loadSource(dir);
    expect(tree.root).toBe(dir);
    expect(tree.base.levels.map((l) => l.title)).toEqual([
      'Level 1 title',
      'Level 2 title',
      'Level 3 title',
      'Level 4 title',
    ]);
    expect(tree.base.endorsement).toBeNull();
    expect(tree.base.committee).toEqual([]);
    expect(tree.base.copyright).toBeNull();
    expect(tree.base.glossary!.entries.map((e) => e.term)).toEqual(['Dyad']);
    expect(tree.editions.map((e) => e.id)).toEqual(['en', 'ex']);
    const [en, ex] = tree.editions;
    expect(ex.dir).toBe(join(dir, 'source', 'editions', 'ex'));
    expect(ex.files).toEqual([
      'source/editions/ex/edition.yaml',
      'source/editions/ex/committee.md',
      'source/editions/ex/glossary.md',
      'source/editions/ex/level-2.md',
      'source/editions/ex/logo.png',
    ]);
    expect(ex.changes.map((c) => `${c.op} ${c.kind} ${c.id}`)).toEqual([
      'replace level title l2',
      'replace section l2.intro',
      'add section committee',
      'add glossary entry glossary.pair',
      'remove area l4.area',
    ]);
    expect(ex.changes.at(-1)!.pos).toEqual({ file: 'source/editions/ex/edition.yaml', line: 9, column: 5 });
    expect(ex.logo).toMatchObject({ type: 'png', width: 4, height: 4 });
    expect(ex.settings.language).toBe('es-MX');
    expect(ex.words.contents).toBe('Índice');
    expect(ex.wordsFallback).toBeUndefined();
    expect(en.words.contents).toBe('Contents');
    expect(en.wordsFallback).toBe(
      'no furniture table templates/translations/fr.yaml for language fr: its furniture is in English',
    );
    expect(en.logo).toBeUndefined();
    expect(tree.files).toEqual([
      'source/base/level-1.md',
      'source/base/level-2.md',
      'source/base/level-3.md',
      'source/base/level-4.md',
      'source/base/glossary.md',
      'source/editions/en/edition.yaml',
      'templates/translations/en.yaml',
      'source/editions/ex/edition.yaml',
      'source/editions/ex/committee.md',
      'source/editions/ex/glossary.md',
      'source/editions/ex/level-2.md',
      'templates/translations/es.yaml',
      'templates/packet.yaml',
    ]);
    expect(tree.packetTemplate.forms.workLog.title).toBe('Work Experience Log');
  });

  it('lists a language table once however many editions use it', () => {
    const settings = (name: string) =>
      md(
        'association:',
        `  name: ${name}`,
        '  abbreviation: EX',
        'publicationDate: 2026-11-01',
        "copyrightLine: '© EX'",
      );
    const tree = loadSource(
      project({ 'source/editions/ey/edition.yaml': settings('Ey'), 'source/editions/ez/edition.yaml': settings('Ez') }),
    );
    expect(tree.editions.map((e) => e.id)).toEqual(['ex', 'ey', 'ez']);
    expect(tree.files.filter((f) => f.startsWith('templates/'))).toEqual([
      'templates/translations/en.yaml',
      'templates/packet.yaml',
    ]);
  });

  it('checks no override of a base level file that is missing', () => {
    const dir = project(
      { 'source/editions/ex/level-3.md': md('---', 'level: 3', '---', '', '# Introduction {#l3.intro}', '', 'New.') },
      ['source/base/level-3.md'],
    );
    expect(problems(dir)).toEqual([
      "source/base/level-3.md:1:1: the level file is missing; expected source/base/level-3.md with the level's introduction and Competency Detail",
    ]);
  });

  it("reads the base's prose files, skips hidden files in an edition folder, and checks each language table against the packet template", () => {
    const dir = project({
      'source/base/endorsement.md': md('# Endorsement {#endorsement}', '', 'Text.'),
      'source/base/committee.md': md('# Committee {#committee}', '', 'Us.', '', '# Thanks {#thanks}', '', 'Them.'),
      'source/base/copyright.md': md('# Copyright {#copyright}', '', '© X.'),
      'source/editions/ex/.hidden.md': '# Not read',
      'source/editions/ex/edition.yaml.bak': 'not read',
    });
    const tree = loadSource(dir);
    expect(tree.base.endorsement!.id).toBe('endorsement');
    expect(tree.base.committee.map((c) => c.id)).toEqual(['committee', 'thanks']);
    expect(tree.base.copyright!.id).toBe('copyright');
    expect(tree.files).toContain('source/base/copyright.md');
    const en = join(dir, 'templates/translations/en.yaml');
    writeFileSync(
      en,
      readFileSync(en, 'utf8') + 'packet:\n  forms:\n    application:\n      labels:\n        fist_name: Typo\n',
    );
    expect(problems(dir)).toEqual([
      expect.stringMatching(
        /^templates\/translations\/en\.yaml:\d+:\d+: "fist_name" is not a field of the application form in templates\/packet\.yaml; expected one of first_name, /,
      ),
    ]);
  });

  it('refuses a folder name that only starts like an id, and names only edition.yaml, .yml or .yaml.txt as misnamed settings', () => {
    const dir = project({
      'source/editions/ex_2/edition.yaml': 'x: 1',
      'source/editions/mine/my-edition.yml': 'x: 1',
      'source/editions/old/edition.yml.old': 'x: 1',
    });
    expect(problems(dir)).toEqual([
      'source/editions/ex_2:1:1: edition folder name "ex_2" is not a valid id; expected lower-case letters, digits and "-"',
      'source/editions/mine/edition.yaml:1:1: the edition has no settings file; expected edition.yaml with association, publicationDate and copyrightLine',
      'source/editions/old/edition.yaml:1:1: the edition has no settings file; expected edition.yaml with association, publicationDate and copyrightLine',
    ]);
  });

  it('refuses a project without source/base at once', () => {
    expect(problems(project({}, ['source/base']))).toEqual([
      'source/base:1:1: the folder is missing; expected source/base with the level files',
    ]);
  });

  it('names a missing level file, a level file of another level, no editions and no packet template', () => {
    const dir = project(
      {
        'source/base/level-4.md': md(
          '---',
          'level: 2',
          'title: T',
          '---',
          '',
          '# Introduction {#l4.intro}',
          '',
          'Text.',
          '',
          '# Competency Detail {#l4.detail}',
          '',
          '## Area {#l4.area}',
          '',
          '### Skill Areas',
          '',
          '- skill',
          '',
          '### As Demonstrated By',
          '',
          '- Does it',
        ),
      },
      ['source/base/level-3.md', 'source/editions', 'templates/packet.yaml'],
    );
    expect(problems(dir)).toEqual([
      "source/base/level-3.md:1:1: the level file is missing; expected source/base/level-3.md with the level's introduction and Competency Detail",
      'source/base/level-4.md:2:1: front matter says level 2; expected level: 4 in level-4.md',
      'source/editions:1:1: no editions found; expected a folder source/editions/<id>/ with an edition.yaml',
      'templates/packet.yaml:1:1: the packet template is missing; expected templates/packet.yaml (see the copy in the repository)',
    ]);
  });

  it('names an edition folder that is not an id, one without settings, a file that overrides nothing, an override of another level, bad settings and a missing logo', () => {
    const dir = project({
      'source/editions/Bad_Name/edition.yaml': 'x: 1',
      'source/editions/empty/notes.txt': 'no settings here',
      'source/editions/ex/notes.md': '# Notes',
      'source/editions/ex/level-3.md': md('---', 'level: 2', '---', '', '# Introduction {#l2.intro}', '', 'Text.'),
      'source/editions/ex/level-4.md': md('---', 'level: 4', '---', '', 'Nothing.'),
      'source/editions/ex/endorsement.md': '',
      'source/editions/logo/edition.yaml': md(
        'association:',
        '  name: Example',
        '  abbreviation: EX',
        'publicationDate: 2026-11-01',
        "copyrightLine: '© EX'",
        'logo: missing.png',
      ),
      'source/editions/zz/edition.yaml': 'association: 3',
    });
    expect(problems(dir)).toEqual([
      'source/editions/Bad_Name:1:1: edition folder name "Bad_Name" is not a valid id; expected lower-case letters, digits and "-"',
      'source/editions/empty/edition.yaml:1:1: the edition has no settings file; expected edition.yaml with association, publicationDate and copyrightLine',
      "source/editions/ex/endorsement.md:1:1: the file is empty; expected the section's text",
      'source/editions/ex/level-3.md:1:1: front matter says level 2; expected level: 3 in level-3.md',
      'source/editions/ex/level-4.md:5:1: paragraph before the first section; expected "# Introduction {#lN.intro}" first',
      'source/editions/ex/level-4.md:1:1: the file changes nothing; expected at least one section: "# Introduction", "# Competency Detail", ...',
      'source/editions/ex/notes.md:1:1: "notes.md" does not override a base file; expected one of level-1.md, level-2.md, level-3.md, level-4.md, endorsement.md, committee.md, glossary.md, copyright.md',
      'source/editions/logo/edition.yaml:6:7: the logo file "missing.png" is not in the edition folder; expected a PNG or JPEG file next to edition.yaml',
      'source/editions/zz/edition.yaml:1:1: "association" is 3; expected a object',
      'source/editions/zz/edition.yaml:1:1: "publicationDate" is missing; expected a text value',
      'source/editions/zz/edition.yaml:1:1: "copyrightLine" is missing; expected a text value',
    ]);
  });

  it('checks no override against a base file that has problems of its own, and reports the base file once', () => {
    const dir = project({
      'source/base/level-2.md': md('---', 'level: 2', 'title: T', '---', '', '# Introduction {#l2.intro}', '', 'Text.'),
      'source/editions/ex/level-2.md': md('---', 'level: 2', '---', '', '# Introduction {#l2.intro}', '', 'New.'),
      'source/editions/ex/edition.yaml': md(
        'association:',
        '  name: Example',
        '  abbreviation: EX',
        'publicationDate: 2026-11-01',
        "copyrightLine: '© EX'",
        'remove:',
        '  - l2.area',
      ),
    });
    expect(problems(dir)).toEqual([
      'source/base/level-2.md:1:1: the level has no Competency Detail; expected "# Competency Detail {#lN.detail}" with its areas',
    ]);
  });

  it("reads an edition's own ids apart from the base's, and refuses one defined twice within the edition", () => {
    const dir = project({
      'source/editions/ex/level-1.md': md(
        '---',
        'level: 1',
        '---',
        '',
        '# Introduction {#l1.intro}',
        '',
        '{#ex.note}',
        '',
        'A.',
      ),
      'source/editions/ex/level-2.md': md(
        '---',
        'level: 2',
        '---',
        '',
        '# Introduction {#l2.intro}',
        '',
        '{#ex.note}',
        '',
        'B.',
      ),
    });
    expect(problems(dir)).toEqual([
      'source/editions/ex/level-2.md:7:1: id "ex.note" is defined twice (first at source/editions/ex/level-1.md:7); expected a unique id',
    ]);
  });
});

describe('the language tables', () => {
  it('takes the table of the language, else of its base language, else English with a notice; each table read once', () => {
    const dir = project();
    const cache = new Map<string, WordsTable | null>();
    const diag = new Diagnostics();
    expect(readWords(dir, 'es', diag, cache)).toMatchObject({
      file: 'templates/translations/es.yaml',
      words: { contents: 'Índice' },
    });
    expect(readWords(dir, 'es-AR', diag, cache)).toMatchObject({ file: 'templates/translations/es.yaml' });
    expect(readWords(dir, 'es-AR', diag, cache)!.fallback).toBeUndefined();
    expect(readWords(dir, 'de-AT', diag, cache)).toEqual({
      file: 'templates/translations/en.yaml',
      words: englishWords(),
      fallback: 'no furniture table templates/translations/de.yaml for language de-AT: its furniture is in English',
    });
    expect([...cache.keys()]).toEqual(['es', 'en']);
    expect(diag.messages()).toEqual([]);
    writeFileSync(join(dir, 'templates/translations/de.yaml'), '');
    expect(readWords(dir, 'de', diag, cache)).toBeNull();
    expect(diag.messages()).toEqual([
      "templates/translations/de.yaml:1:1: the file is empty; expected the section's text",
    ]);
    writeFileSync(join(dir, 'templates/translations/es-AR.yaml'), 'contents: 3\n');
    expect(readWords(dir, 'es-AR', diag, cache)).toBeNull();
    expect(diag.messages()[1]).toMatch(
      /^templates\/translations\/es-AR\.yaml:1:1: "contents" is 3; expected a text value/,
    );
  });

  it('says the English table is missing, once', () => {
    const dir = project({}, ['templates/translations/en.yaml']);
    const cache = new Map<string, WordsTable | null>();
    const diag = new Diagnostics();
    expect(readWords(dir, 'fr', diag, cache)).toBeNull();
    expect(readWords(dir, 'de', diag, cache)).toBeNull();
    expect(diag.messages()).toEqual([
      'templates/translations/en.yaml:1:1: the English furniture table is missing; expected templates/translations/en.yaml (see the copy in the repository)',
    ]);
  });

  it("refuses a table's label for a field the form does not have, and more column labels than the log has", () => {
    const dir = project();
    const diag = new Diagnostics();
    const t = readPacketTemplate(dir, diag)!;
    writeFileSync(
      join(dir, 'templates/translations/xx.yaml'),
      [
        ...Object.entries(englishWords())
          .filter(([, v]) => typeof v === 'string')
          .map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
        'web:',
        ...Object.entries(englishWords().web).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
        'packet:',
        '  forms:',
        '    application:',
        '      labels:',
        '        first_name: Name',
        '        fist_name: Typo',
        '    reference:',
        '      title: Reference',
        '    workLog:',
        '      columns: [A, B, C, D, E]',
        '    trainingLog:',
        '      columns: [A, B]',
        '    supervisionLog:',
        '      columns: [A, B, C, D, E]',
      ].join('\n') + '\n',
    );
    const cache = new Map<string, WordsTable | null>();
    readWords(dir, 'xx', diag, cache);
    expect(diag.messages()).toEqual([]);
    checkPacketWords(cache.get('xx')!, t, diag);
    const line = (n: number) => `templates/translations/xx.yaml:${n}`;
    const at =
      Object.keys(englishWords()).filter((k) => k !== 'web' && k !== 'packet').length +
      Object.keys(englishWords().web).length +
      2;
    expect(diag.messages()).toEqual([
      `${line(at + 5)}:20: "fist_name" is not a field of the application form in templates/packet.yaml; expected one of first_name, last_name, address_line1, address_line2, city, state, postal_code, email, phone, employer, membership, signature, date`,
      `${line(at + 9)}:16: 5 column labels for the workLog, which has 4; expected one label per column of templates/packet.yaml, in order`,
    ]);
  });
});
