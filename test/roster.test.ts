// The roster reader on its own: every encoding Excel saves, .xlsx workbooks, caps before costly work, names that are
// text and not control, duplicate applicants and line breaks in address cells. Bad input → the expected message.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveEdition, type Edition } from '../src/editions/edition.js';
import { readRoster, ROSTER_COLUMNS, RosterError, type Roster } from '../src/mailmerge/roster.js';
import { loadSource } from '../src/editions/source.js';
import { simpleParser as parseMail } from 'mailparser';
import fc from 'fast-check';
import { command, runCommand } from './helpers/cli.js';
import { readPdf } from './helpers/pdf.js';
import { xlsx, type Cell } from './helpers/xlsx.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'rosters');
const HEADER = [
  'first_name',
  'last_name',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'postal_code',
  'email',
  'edition',
  'level',
];
const csvLine = (cells: string[]) =>
  cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
const row = (
  first: string,
  last: string,
  email: string,
  over: Partial<Record<(typeof HEADER)[number], string>> = {},
) => {
  const r: Record<string, string> = {
    first_name: first,
    last_name: last,
    address_line1: '1 Main St',
    address_line2: '',
    city: 'Lansing',
    state: 'MI',
    postal_code: '48933',
    email,
    edition: 'michigan',
    level: '1',
    ...over,
  };
  return HEADER.map((h) => r[h]);
};

// The editions are read by the first test that needs them, not in a hook: StrykerJS (npm run test:mutation) counts
// code run in a hook as run by every test, and would judge each mutant of src/read with all of them.
let editionsRead: Map<string, Edition> | undefined;
const editionsOf = () => {
  if (!editionsRead) {
    const tree = loadSource(process.cwd());
    editionsRead = new Map(tree.editions.map((s) => [s.id, resolveEdition(tree, s)]));
  }
  return editionsRead;
};
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-roster-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a roster file and reads it. */
async function read(name: string, content: string | Uint8Array, opts: { sheet?: string } = {}): Promise<Roster> {
  const path = join(dir, name);
  writeFileSync(path, content);
  return readRoster(path, editionsOf(), opts);
}
const csv = (rows: string[][]) => [HEADER, ...rows].map(csvLine).join('\r\n') + '\r\n';
const refusal = async (name: string, content: string | Uint8Array, opts: { sheet?: string } = {}) => {
  try {
    await read(name, content, opts);
  } catch (e) {
    if (e instanceof RosterError) return e.message;
    throw e;
  }
  throw new Error('the roster was not refused');
};

describe('every roster rule has its row', () => {
  /** Required: every column but the second address line, written down here rather than taken from the code. */
  const REQUIRED = [
    'first_name',
    'last_name',
    'address_line1',
    'city',
    'state',
    'postal_code',
    'email',
    'edition',
    'level',
  ];

  it('refuses each row of every-rule.csv by its line and rule: each required cell blank, each check, each cap, each repeat', async () => {
    // An edition that publishes Levels 1 and 2 only, for the rule that a level must be one the edition publishes.
    const michigan = editionsOf().get('michigan')!;
    const withShort = new Map(editionsOf()).set('levels-1-2', {
      ...michigan,
      id: 'levels-1-2',
      guidelines: { ...michigan.guidelines, levels: michigan.guidelines.levels.filter((l) => l.level <= 2) },
    });
    const r = await readRoster(join(fixtures, 'every-rule.csv'), withShort);
    const expected = readFileSync(join(fixtures, 'every-rule.expected.txt'), 'utf8').trim().split('\n');
    expect(r.rejected.map((x) => x.message)).toEqual(expected);
    for (const column of REQUIRED)
      expect(
        expected.some((m) => m.endsWith(`: missing ${column}`) || m.includes(`: missing ${column};`)),
        column,
      ).toBe(true);
    expect(r.applicants.map((a) => [a.line, a.first_name, a.edition, a.level])).toEqual([
      [2, 'Ann', 'michigan', 1],
      [25, 'Zoë', 'texas', 4],
    ]);
  });

  it('refuses a header without any one required column, naming it; a roster without address_line2 is read', async () => {
    expect(ROSTER_COLUMNS.filter((c) => c !== 'address_line2')).toEqual(REQUIRED);
    for (const column of REQUIRED) {
      const header = HEADER.filter((h) => h !== column);
      const body = row('Ann', 'Smith', 'ann@example.org').filter((_, i) => HEADER[i] !== column);
      const message = await refusal(`no-${column}.csv`, `${header.join(',')}\r\n${body.join(',')}\r\n`);
      expect(message, column).toBe(
        `no-${column}.csv line 1: the header lacks ${column}; expected the columns ${HEADER.join(',')}`,
      );
    }
    // Every column it lacks, not the first only.
    const two = HEADER.filter((h) => h !== 'city' && h !== 'email');
    expect(await refusal('no-two.csv', `${two.join(',')}\r\n`)).toBe(
      `no-two.csv line 1: the header lacks city, email; expected the columns ${HEADER.join(',')}`,
    );
    const without = HEADER.filter((h) => h !== 'address_line2');
    const r = await read(
      'no-line2.csv',
      `${without.join(',')}\r\n${row('Ann', 'Smith', 'ann@example.org')
        .filter((_, i) => HEADER[i] !== 'address_line2')
        .join(',')}\r\n`,
    );
    expect(r.applicants).toHaveLength(1);
  });

  it('always refuses a row with an empty required cell, whatever the other cells hold (property)', async () => {
    const name = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{0,14}[A-Za-zÀ-ÿ]$/);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          first: name,
          last: name,
          street: fc.stringMatching(/^[1-9][0-9]{0,3} [A-Z][a-z]{2,10} St$/),
          level: fc.constantFrom('1', '2', '3', '4'),
          edition: fc.constantFrom('michigan', 'michigan-revised', 'new-mexico', 'texas'),
        }),
        fc.constantFrom(...REQUIRED),
        fc.constantFrom('', ' ', '   ', '\t'),
        async (p, column, blank) => {
          const good = row(p.first, p.last, 'someone@example.org', {
            address_line1: p.street,
            level: p.level,
            edition: p.edition,
          });
          const bad = good.map((cell, i) => (HEADER[i] === column ? blank : cell));
          const r = await read('property.csv', csv([good, bad]));
          // The good row is made, so the bad one is refused for its blank, not for the roster as a whole.
          expect(r.applicants.map((a) => a.line)).toEqual([2]);
          expect(r.rejected.map((x) => x.line)).toEqual([3]);
          // Blank is "missing"; a lone tab is refused as a control character first: either way the row names the column.
          expect(r.rejected[0].message).toMatch(blank.trim() === '' && blank !== '\t' ? `missing ${column}` : column);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('rosters as Excel saves them', () => {
  const expected = [
    [2, 'José', 'Núñez', '12 Calle Ñandú', '', 'Santa Fe', '87501', 2],
    [3, 'Zoë', 'O’Brien-Ångström', '1 Main St', 'Suite 5', 'Lansing', '48933', 1],
    [4, 'François', 'Lefèvre', '2 Oak Ave, Rear', '', 'Austin', '73301', 3],
  ];
  const people = (r: Roster) =>
    r.applicants.map((a) => [
      a.line,
      a.first_name,
      a.last_name,
      a.address_line1,
      a.address_line2,
      a.city,
      a.postal_code,
      a.level,
    ]);

  it.each([
    ['utf8-bom.csv', '"CSV UTF-8": UTF-8 with a byte order mark'],
    ['utf8.csv', 'UTF-8 without a byte order mark'],
    ['windows-1252.csv', '"CSV (Comma delimited)" on Windows: Windows-1252, a curly apostrophe included'],
    ['unicode-text.txt', '"Unicode Text": UTF-16 with a byte order mark, tab-separated'],
    ['utf16-comma.csv', 'UTF-16 (little-endian) with a byte order mark, comma-separated'],
    ['utf16be.csv', 'UTF-16 big-endian with a byte order mark'],
  ])('reads %s (%s), letters intact', async (file) => {
    const r = await readRoster(join(fixtures, file), editionsOf());
    expect(r.rejected).toEqual([]);
    expect(people(r)).toEqual(expected);
  });

  it('names the line of a byte Windows-1252 leaves undefined, and how to save from Excel', async () => {
    await expect(readRoster(join(fixtures, 'windows-1252-undefined.csv'), editionsOf())).rejects.toThrow(
      'windows-1252-undefined.csv line 3: byte 0x81 is neither UTF-8 nor Windows-1252 text; expected a roster saved from Excel (File > Save As) as "CSV UTF-8 (Comma delimited) (*.csv)", "Unicode Text (*.txt)" or "Excel Workbook (*.xlsx)"',
    );
  });

  it('names the line of a stray byte in a UTF-8 file rather than reading it all as Windows-1252', async () => {
    await expect(readRoster(join(fixtures, 'utf8-damaged.csv'), editionsOf())).rejects.toThrow(
      /^utf8-damaged\.csv line 4: byte 0xE9 is not UTF-8 text; expected a roster saved from Excel/,
    );
  });

  it('refuses half a UTF-16 character, binary data and an old .xls by name', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(csv([row('Ann', 'Lee', 'ann@example.org')]) + 'Bo,\ud800x\r\n', 'utf16le'),
    ]);
    expect(await refusal('lone.csv', utf16)).toMatch(
      /^lone\.csv line 3: the UTF-16 text has half a character; expected a roster saved from Excel/,
    );
    expect(await refusal('odd.csv', Buffer.concat([utf16, Buffer.from([0x41])]))).toMatch(
      /^odd\.csv: the UTF-16 text ends in half a character/,
    );
    expect(await refusal('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0, 1, 2]))).toMatch(
      /^photo\.csv line 2: this is not a CSV file \(it contains binary data\); expected a roster saved from Excel/,
    );
    expect(await refusal('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(
      /^old\.xls: this is an Excel 97-2003 workbook \(\.xls\), which cannot be read; expected a roster saved from Excel/,
    );
  });

  it('refuses a "?" in a name of a Windows-1252 file: the letter Excel could not save', async () => {
    const r = await read(
      'lost.csv',
      Buffer.from(csv([row('?ucja', 'Kowalska', 'l@example.org'), row('José', 'Núñez', 'j@example.org')]), 'latin1'),
    );
    expect(r.applicants.map((a) => a.first_name)).toEqual(['José']);
    expect(r.rejected.map((x) => x.message)).toEqual([
      'lost.csv line 2: first_name "?ucja" has a "?", which Excel writes for a letter "CSV (Comma delimited)" cannot hold; expected the roster saved from Excel as "CSV UTF-8 (Comma delimited) (*.csv)" or "Excel Workbook (*.xlsx)"',
    ]);
  });

  it('reads the semicolon-separated CSV of a locale whose decimal mark is the comma', async () => {
    const r = await read(
      'semicolon.csv',
      [HEADER, row('Ann', 'Lee', 'ann@example.org')].map((c) => c.join(';')).join('\r\n'),
    );
    expect(r.applicants.map((a) => a.last_name)).toEqual(['Lee']);
  });
});

describe('rosters kept as .xlsx', () => {
  const sheets = (): Record<string, Cell[][]> => ({
    Applicants: [
      HEADER,
      ['José', 'Núñez', '12 Calle Ñandú', null, 'Santa Fe', 'NM', 87501, 'jose@example.org', 'new-mexico', 2],
      [
        'Ann',
        'Smith',
        'Suite 100, Floor 3\nAttn: Intake',
        null,
        'Lansing',
        'MI',
        48933,
        'ann@example.org',
        'michigan',
        1,
      ],
      ['Bob', 'Jones', '2 Oak Ave', null, 'Austin', 'TX', 73301, 'bob@example', 'texas', 3],
    ],
    'Level 4': [HEADER, ['Dee', 'Lee', '4 Elm', null, 'Detroit', 'MI', 48201, 'dee@example.org', 'michigan', 4]],
  });

  it('reads the first sheet: numbers as written, a cell with a line break as two address lines, bad rows by their row number', async () => {
    const r = await read('applicants.xlsx', xlsx(sheets()));
    expect(
      r.applicants.map((a) => [a.line, a.first_name, a.address_line1, a.address_line2, a.postal_code, a.level]),
    ).toEqual([
      [2, 'José', '12 Calle Ñandú', '', '87501', 2],
      [3, 'Ann', 'Suite 100, Floor 3', 'Attn: Intake', '48933', 1],
    ]);
    expect(r.rejected.map((x) => x.message)).toEqual([
      'applicants.xlsx line 4: email "bob@example" is not an e-mail address',
    ]);
  });

  it('reads the sheet --sheet names, and lists the sheets when there is no such sheet', async () => {
    expect(
      (await read('applicants.xlsx', xlsx(sheets()), { sheet: 'Level 4' })).applicants.map((a) => [
        a.line,
        a.first_name,
        a.level,
      ]),
    ).toEqual([[2, 'Dee', 4]]);
    expect(await refusal('applicants.xlsx', xlsx(sheets()), { sheet: 'Level 5' })).toBe(
      'applicants.xlsx: the workbook has no sheet "Level 5"; expected one of "Applicants", "Level 4"',
    );
    expect(await refusal('applicants.csv', csv([row('Ann', 'Lee', 'ann@example.org')]), { sheet: 'Level 4' })).toMatch(
      /^applicants\.csv: --sheet "Level 4" names a sheet of an Excel workbook, but this is a text \(CSV\) file/,
    );
  });

  it('refuses a workbook that expands past its cap, before inflating it', async () => {
    const bomb = xlsx(sheets(), { 'xl/media/image1.bin': new Uint8Array(65 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(200_000);
    const started = performance.now();
    expect(await refusal('bomb.xlsx', bomb)).toBe(
      'bomb.xlsx: the workbook expands to 65 MB; expected a roster workbook that expands to at most 64 MB',
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a workbook of too many parts, a sheet reaching far past a roster, a DOCTYPE, and a broken zip', async () => {
    const parts = Object.fromEntries(Array.from({ length: 2_001 }, (_, i) => [`xl/custom/p${i}.xml`, '<a/>']));
    expect(await refusal('parts.xlsx', xlsx(sheets(), parts))).toBe(
      'parts.xlsx: the workbook has 2,009 parts; expected a roster workbook of at most 2,000',
    );
    const sparse = xlsx(
      { Applicants: [HEADER] },
      {
        'xl/worksheets/sheet1.xml':
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>first_name</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
      },
    );
    expect(await refusal('far.xlsx', sparse)).toMatch(
      /^far\.xlsx: a sheet reaches row 1,048,576; expected a roster of at most 20,000 applicants below its header \(row 20,001\) and 256 columns/,
    );
    const doctype = xlsx(sheets(), {
      'xl/sharedStrings.xml':
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst><si><t>&x;</t></si></sst>',
    });
    expect(await refusal('doctype.xlsx', doctype)).toBe(
      "doctype.xlsx: the workbook's part xl/sharedStrings.xml declares a DOCTYPE; expected a workbook saved by Excel",
    );
    const broken = xlsx(sheets()).slice(0, 400);
    expect(await refusal('broken.xlsx', broken)).toBe(
      'broken.xlsx: the workbook cannot be read (it is not a complete .xlsx file); expected a workbook saved by Excel, or a CSV file',
    );
  });
});

describe('caps before any costly work', () => {
  it('refuses a 10 MB cell by line and its length at once, quotes nothing of it, and keeps the valid rows', async () => {
    const path = join(dir, 'big.csv');
    writeFileSync(
      path,
      csv([
        row('Ann', 'Lee', 'ann@example.org'),
        row('Big', 'X'.repeat(10 * 1024 * 1024), 'big@example.org'),
        row('Cy', 'Moe', 'cy@example.org'),
      ]),
    );
    const started = performance.now();
    const r = await readRoster(path, editionsOf());
    // About a second alone (csv-parse reading the cell); before the caps it ran out of memory after minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.applicants.map((a) => a.line)).toEqual([2, 4]);
    expect(r.rejected.map((x) => x.message)).toEqual([
      expect.stringMatching(
        /^big\.csv line 3: last_name is 10,485,760 characters; at most \d\d fit the envelope window$/,
      ),
    ]);
  });

  it('refuses a row of more fields than a roster has columns by line, before csv-parse builds it, and keeps the others', async () => {
    const text = [
      HEADER.join(','),
      row('Ann', 'Lee', 'a@example.org').join(','),
      ','.repeat(300),
      row('Bo', 'Kim', 'b@example.org').join(','),
      '"a\nb",' + ','.repeat(5_000_000),
      row('Cy', 'Moe', 'c@example.org').join(','),
    ].join('\r\n');
    const started = performance.now();
    const r = await read('wide-rows.csv', text);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.applicants.map((a) => [a.line, a.first_name])).toEqual([
      [2, 'Ann'],
      [4, 'Bo'],
      [7, 'Cy'],
    ]);
    expect(r.rejected.map((x) => x.message)).toEqual([
      "wide-rows.csv line 3: the row has 301 fields; expected at most 256 (the roster's columns)",
      "wide-rows.csv line 5: the row has 5,000,002 fields; expected at most 256 (the roster's columns)",
    ]);
  });

  it('refuses an e-mail address over 254 characters with its length; 254 is taken', async () => {
    const local = 'a'.repeat(64);
    const at254 = `${local}@${['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(57)].join('.')}.org`;
    expect(at254.length).toBe(254);
    const r = await read(
      'email.csv',
      csv([
        row('Ann', 'Lee', at254),
        row('Bo', 'Kim', `x${at254}`),
        row('Cy', 'Moe', 'e'.repeat(100_000) + '@example.org'),
      ]),
    );
    expect(r.applicants.map((a) => a.line)).toEqual([2]);
    expect(r.rejected.map((x) => x.message)).toEqual([
      'email.csv line 3: email is 255 characters; an e-mail address has at most 254',
      'email.csv line 4: email is 100,012 characters; an e-mail address has at most 254',
    ]);
  });

  it('refuses a name or an address line wider than the envelope window with its length, measured by the fonts', async () => {
    const r = await read(
      'wide.csv',
      csv([
        row('Ann', 'Lee', 'a@example.org', { address_line1: 'W'.repeat(401) }),
        row('Bo', 'Kim', 'b@example.org', { city: 'm'.repeat(120) }),
      ]),
    );
    expect(r.rejected.map((x) => x.message)).toEqual([
      expect.stringMatching(
        /^wide\.csv line 2: address_line1 is 401 characters; at most \d\d fit the envelope window$/,
      ),
      expect.stringMatching(
        /^wide\.csv line 3: city, state and postal_code are 130 characters on one line; at most \d+ fit the envelope window$/,
      ),
    ]);
  });

  it('quotes at most 40 characters of a refused value', async () => {
    const r = await read('quote.csv', csv([row('Ann', 'Lee', 'a@example.org', { edition: 'z'.repeat(500) })]));
    expect(r.rejected[0].message).toBe(
      `quote.csv line 2: unknown edition "${'z'.repeat(40)}…" (expected one of: ${[...editionsOf().keys()].join(', ')})`,
    );
  });

  it('refuses a roster file over its size cap, and a roster of too many rows, by name', async () => {
    const path = join(dir, 'huge.csv');
    writeFileSync(path, csv([row('Ann', 'Lee', 'a@example.org')]));
    truncateSync(path, 17 * 1024 * 1024);
    await expect(readRoster(path, editionsOf())).rejects.toThrow(
      'huge.csv: the file is 17.0 MB; expected a roster of at most 16 MB',
    );
    const many = Array.from({ length: 20_001 }, (_, i) => row('A', `N${i}`, `n${i}@example.org`));
    expect(await refusal('many.csv', csv(many))).toBe(
      'many.csv: the roster has 20,001 applicants; expected at most 20,000 (split it into several rosters)',
    );
  });

  it('takes a roster of 20,000 applicants: the cap does not count the header row', async () => {
    // Rows refused for their level (before any font measures them): the roster itself is read, every row judged.
    const full = Array.from({ length: 20_000 }, (_, i) => row('A', `N${i}`, `n${i}@example.org`, { level: 'x' }));
    const roster = await read('full.csv', csv(full));
    expect(roster.rejected).toHaveLength(20_000);
    expect(roster.rejected.at(-1)!.message).toMatch(/^full\.csv line 20001: /);
    // An .xlsx whose last applicant is on row 20,001 (below the header) is read; one on row 20,002 is refused.
    const sheet = (lastRow: number) =>
      xlsx(
        { Applicants: [HEADER] },
        {
          'xl/worksheets/sheet1.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row><row r="${lastRow}"><c r="A${lastRow}" t="inlineStr"><is><t>Ann</t></is></c></row></sheetData></worksheet>`,
        },
      );
    expect((await read('full.xlsx', sheet(20_001))).rejected.map((r) => r.line)).toEqual([20_001]);
    expect(await refusal('over.xlsx', sheet(20_002))).toMatch(
      /^over\.xlsx: a sheet reaches row 20,002; expected a roster of at most 20,000 applicants below its header \(row 20,001\) and 256 columns/,
    );
  });
});

describe('names are text, not control', () => {
  const controls = [
    ...Array.from({ length: 0x20 }, (_, i) => i),
    0x7f,
    ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
    0x2028,
    0x2029,
    0x202a,
    0x202b,
    0x202c,
    0x202d,
    0x202e,
    0x2066,
    0x2067,
    0x2068,
    0x2069,
  ];
  const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

  it('refuses each C0 and C1 control, line and paragraph separator, bidi override and isolate, by line, in a name or an address', async () => {
    // UTF-16, which (unlike a UTF-8 file) can carry a NUL: every control reaches the row checks.
    const fields = ['first_name', 'last_name', 'city', 'address_line1'] as const;
    const rows: string[][] = [];
    const wanted: RegExp[] = [];
    controls.forEach((cp, i) => {
      fields.forEach((field, f) => {
        // In an address line a line break starts the next line; it is tested below.
        if (field === 'address_line1' && (cp === 0x0a || cp === 0x0d)) return;
        const c = String.fromCodePoint(cp);
        const value = field.endsWith('name') ? `Ana${c}Lee` : field === 'city' ? `Lan${c}sing` : `1 Main${c} St`;
        rows.push(row(`P${i}`, `Q${f}`, `p${i}-${f}@example.org`, { [field]: value }));
        // A row starts below the line breaks of the rows before it.
        const line =
          1 + rows.reduce((n, r, k) => n + (k < rows.length - 1 ? r.join('').split(/\r\n|\r|\n/).length : 1), 0);
        const kind =
          cp === 0x0a || cp === 0x0d
            ? 'a line break'
            : cp === 0x2028
              ? 'a line separator'
              : cp === 0x2029
                ? 'a paragraph separator'
                : cp >= 0x202a
                  ? 'a bidi control'
                  : 'a control character';
        wanted.push(
          new RegExp(
            `^controls\\.csv line ${line}: ${field} "[^"]*\\\\u\\{${cp.toString(16).toUpperCase()}\\}[^"]*" has ${kind} \\(${hex(cp).replace('+', '\\+')}\\); expected plain text`,
          ),
        );
      });
    });
    const r = await read('controls.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(rows), 'utf16le')]));
    expect(r.applicants).toEqual([]);
    expect(r.rejected).toHaveLength(wanted.length);
    r.rejected.forEach((x, i) => expect(x.message).toMatch(wanted[i]));
  });

  it('never echoes a raw CR or LF: "Ana\\r\\nBcc: …" is quoted with escapes', async () => {
    const r = await read('crlf.csv', csv([row('Ana\r\nBcc: x@example.org', 'Lee', 'a@example.org')]));
    expect(r.rejected.map((x) => x.message)).toEqual([
      'crlf.csv line 2: first_name "Ana\\u{D}\\u{A}Bcc: x@example.org" has a line break (U+000D); expected plain text',
    ]);
  });

  it('refuses a name that is empty once invisible characters are taken away, and the right-to-left override with a zero-width space', async () => {
    const r = await read(
      'invisible.csv',
      csv([
        row('\u200b\u200b', 'Lee', 'a@example.org'),
        row('\u202e\u200b', 'Kim', 'b@example.org'),
        row('Ann', '\u2060\ufe0f\u00ad', 'c@example.org'),
      ]),
    );
    expect(r.rejected.map((x) => x.message)).toEqual([
      'invisible.csv line 2: first_name has only invisible characters (U+200B); expected a name',
      'invisible.csv line 3: first_name "\\u{202E}\u200b" has a bidi control (U+202E); expected plain text (a name written right to left needs none)',
      'invisible.csv line 4: last_name has only invisible characters (U+2060, U+FE0F, U+00AD); expected a name',
    ]);
  });

  it('keeps names written right to left, and the joiners scripts need', async () => {
    const r = await read(
      'rtl.csv',
      csv([
        row('ليلى', 'حداد', 'layla@example.org'),
        row('נועה', 'ברק', 'noa@example.org', { address_line1: 'שדרות רוטשילד 22' }),
        row('मी\u200dरा', 'Roy', 'mira@example.org'),
        row('می\u200cخواهم', 'Azadi', 'azadi@example.org'),
      ]),
    );
    expect(r.rejected).toEqual([]);
    expect(r.applicants.map((a) => a.first_name)).toEqual(['ليلى', 'נועה', 'मी\u200dरा', 'می\u200cخواهم']);
  });
});

describe('one applicant, one row', () => {
  it('refuses the same applicant again by line: the same e-mail address (any case), or the same name and address', async () => {
    const r = await read(
      'dupes.csv',
      csv([
        row('Ann', 'Smith', 'ann@example.org'),
        row('Bo', 'Kim', 'bo@example'),
        row('Cy', 'Moe', 'ANN@Example.org', { level: '2' }),
        row('ann', ' Smith ', 'ann.smith@example.org', { edition: 'michigan-revised', level: '3' }),
        row('Bo', 'Kim', 'bo@example.org'),
        row('Bo', 'Kim', 'bo@example.org'),
      ]),
    );
    expect(r.applicants.map((a) => a.line)).toEqual([2, 6]);
    expect(r.rejected.map((x) => x.message)).toEqual([
      'dupes.csv line 3: email "bo@example" is not an e-mail address',
      'dupes.csv line 4: the same applicant as line 2 (the same e-mail address); expected one row per applicant',
      'dupes.csv line 5: the same applicant as line 2 (the same name and address); expected one row per applicant',
      'dupes.csv line 7: the same applicant as line 6 (the same e-mail address); expected one row per applicant',
    ]);
  });

  it('makes a line break in an address cell (Alt+Enter) the next address line, or refuses it where there is no room', async () => {
    const r = await read(
      'breaks.csv',
      csv([
        row('Ann', 'Lee', 'a@example.org', { address_line1: 'Suite 100, Floor 3\nAttn: Intake' }),
        row('Bo', 'Kim', 'b@example.org', { address_line1: '2 Oak Ave\r\n', address_line2: 'Rear' }),
        row('Cy', 'Moe', 'c@example.org', { address_line1: '3 Pine Rd\nUnit 4', address_line2: 'Back door' }),
        row('Di', 'Ray', 'd@example.org', { address_line1: 'One\nTwo\nThree' }),
        row('Ed', 'Fox', 'e@example.org', { address_line1: 'A St\nB Wing', address_line2: 'C Floor\nD Desk' }),
      ]),
    );
    expect(r.applicants.map((a) => [a.line, a.address_line1, a.address_line2])).toEqual([
      [2, 'Suite 100, Floor 3', 'Attn: Intake'],
      [4, '2 Oak Ave', 'Rear'],
    ]);
    expect(r.rejected.map((x) => x.message)).toEqual([
      'breaks.csv line 6: address_line1 holds line breaks: the address has 3 street lines; expected at most 2 (address_line1 and address_line2)',
      'breaks.csv line 8: address_line1 holds line breaks: the address has 3 street lines; expected at most 2 (address_line1 and address_line2)',
      'breaks.csv line 11: address_line1 and address_line2 hold line breaks: the address has 4 street lines; expected at most 2 (address_line1 and address_line2)',
    ]);
  });
});

// A child process does not see a mutant: left out of the mutation run (vitest.mutation.config.ts sets CG_MUTATION).
describe.skipIf(process.env.CG_MUTATION)(
  'build:packets with a 10 MB cell, a repeated applicant and an address cell of two lines',
  () => {
    /** Runs build:packets (compiled) and reports its peak memory (the kernel's maximum resident set size). */
    const packets = (cwd: string, ...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string; ms: number; maxRssMb: number }>((done) => {
        const [exe, before] = command('packets');
        const started = performance.now();
        execFile(
          exe,
          [...before, ...args],
          { cwd, env: { ...process.env, CG_WORKERS: '1', CG_STATS: '1' }, timeout: 180_000, maxBuffer: 64 << 20 },
          (err, stdout, stderr) => {
            const rss = /max_rss_kb=(\d+)/.exec(stderr);
            done({
              code: err ? Number((err as { code?: number }).code) : 0,
              stdout,
              stderr,
              ms: performance.now() - started,
              maxRssMb: rss ? Number(rss[1]) / 1024 : NaN,
            });
          },
        );
      });

    it('refuses the cell by line in seconds, with memory under 300 MB, refuses the repeat by line, and makes the valid row with its two address lines', async () => {
      const roster = join(dir, 'ten-mb.csv');
      const valid = row('José', 'Núñez', 'jose@example.org', {
        address_line1: 'Suite 100, Floor 3\nAttn: Intake',
        city: 'Santa Fe',
        state: 'NM',
        postal_code: '87501',
        edition: 'new-mexico',
        level: '2',
      });
      // First the valid row alone: its shared packet is rendered (render threads) and cached, as on any second run.
      writeFileSync(roster, csv([valid]));
      expect((await packets(process.cwd(), '--roster', roster, '--out', join(dir, 'warm'), '--quiet')).code).toBe(0);
      writeFileSync(
        roster,
        csv([
          valid,
          row('Big', 'Cell', 'big@example.org', { address_line1: 'A'.repeat(10 * 1024 * 1024) }),
          row('Em', 'Ail', 'e'.repeat(100_000) + '@example.org'),
          valid,
        ]),
      );
      const r = await packets(process.cwd(), '--roster', roster, '--out', join(dir, 'packets'), '--quiet');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('ten-mb.csv line 4: address_line1 is 10,485,760 characters; at most');
      expect(r.stderr).toContain('ten-mb.csv line 5: email is 100,012 characters; an e-mail address has at most 254');
      expect(r.stderr).toContain(
        'ten-mb.csv line 6: the same applicant as line 2 (the same e-mail address); expected one row per applicant',
      );
      expect(r.stderr.length).toBeLessThan(2_000);
      expect(r.stdout).toContain('1 packet made (PDF and Word)');
      const summary = readFileSync(join(dir, 'packets', 'summary.json'), 'utf8');
      expect(summary.length).toBeLessThan(5_000);
      expect(JSON.parse(summary).made.map((m: { pdf: string }) => m.pdf)).toEqual(['line-0002-nunez-jose.pdf']);
      // The letter's address block: the cell's two lines as two lines, never glued.
      const letter = (await readPdf(join(dir, 'packets', 'line-0002-nunez-jose.pdf'))).pages[0].text;
      expect(letter).toMatch(/José Núñez\s*\n\s*Suite 100, Floor 3\s*\n\s*Attn: Intake\s*\n\s*Santa Fe, NM 87501/);
      expect(r.maxRssMb).toBeLessThan(300);
      expect(r.ms).toBeLessThan(60_000);
    }, 300_000);
  },
);

describe.skipIf(process.env.CG_MUTATION)('send:packets reads the roster the same way', () => {
  it('refuses the repeated applicant by line, and names attachments from the slug, never the raw name', async () => {
    const roster = join(dir, 'send.csv');
    const nm = {
      address_line1: '12 Calle Ñandú',
      city: 'Santa Fe',
      state: 'NM',
      postal_code: '87501',
      edition: 'new-mexico',
      level: '2',
    };
    writeFileSync(
      roster,
      csv([
        row('José', 'Núñez', 'jose@example.org', nm),
        row('נועה', 'ברק', 'noa@example.org', nm),
        row('ליילה', 'חדאד', 'layla@example.org', nm),
        row('josé', 'NÚÑEZ', 'jose.nunez@example.org', nm),
      ]),
    );
    const out = join(dir, 'send-out');
    const r = await runCommand(
      process.cwd(),
      'send',
      '--roster',
      roster,
      '--out',
      out,
      '--dry-run',
      '--from',
      'office@example.org',
      '--quiet',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'send.csv line 5: the same applicant as line 2 (the same name and address); expected one row per applicant',
    );
    expect(r.stdout).toContain('send:packets: 3 written to');
    const names = await Promise.all(
      ['line-0002-nunez-jose.eml', 'line-0003-applicant.eml', 'line-0004-applicant.eml'].map(async (f) =>
        (await parseMail(readFileSync(join(out, 'eml', f)))).attachments.map((a) => a.filename),
      ),
    );
    expect(names).toEqual([
      [expect.stringMatching(/ - Nunez Jose\.pdf$/)],
      [expect.stringMatching(/ - applicant\.pdf$/)],
      [expect.stringMatching(/ - applicant\.pdf$/)],
    ]);
  }, 300_000);
});
