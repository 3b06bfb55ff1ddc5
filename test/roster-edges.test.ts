// The roster reader at its edges: empty rows, a header below line 1, refusals in line order, a file that cannot be
// read, --sheet on a CSV; and the file names made from an applicant's name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Edition } from '../src/editions/edition.js';
import {
  fileNameParts,
  nameSlug,
  packetFileName,
  readRoster,
  RosterError,
  type Applicant,
} from '../src/mailmerge/roster.js';
import { EditionSettings } from '../src/model/settings.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-roster-edges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One edition publishing Levels 1 and 2, enough for the roster's checks (no source/ read). */
const editions = new Map<string, Edition>([
  [
    'ex',
    {
      id: 'ex',
      settings: EditionSettings.parse({
        association: { name: 'Ex', abbreviation: 'EX' },
        publicationDate: '2026-11-01',
        copyrightLine: '© EX',
      }),
      guidelines: { levels: [{ level: 1 }, { level: 2 }] },
      changes: [],
      lacks: [],
      files: [],
      words: {},
    } as unknown as Edition,
  ],
]);
const HEADER = 'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level';
const good = (first: string, email: string, level = '1') =>
  `${first},Lee,1 Main St,,Lansing,MI,48933,${email},ex,${level}`;

async function read(name: string, text: string | Buffer, sheet?: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return readRoster(path, editions, sheet === undefined ? {} : { sheet });
}
async function refusal(name: string, text: string | Buffer, sheet?: string): Promise<string> {
  try {
    await read(name, text, sheet);
  } catch (e) {
    if (e instanceof RosterError) return e.message;
    throw e;
  }
  throw new Error('not refused');
}

describe('roster edges', () => {
  it("skips empty rows, keeps each row's own line, and lists the refusals in line order", async () => {
    const r = await read(
      'gaps.csv',
      [
        HEADER,
        good('Ann', 'a@example.org'),
        ',,,,,,,,,',
        '',
        good('Bo', 'bad'),
        good('Cy', 'c@example.org', '3'),
        ',,,',
        good('Di', 'd@example.org', '2'),
      ].join('\n') + '\n',
    );
    expect(r.applicants.map((a) => [a.line, a.first_name, a.level])).toEqual([
      [2, 'Ann', 1],
      [8, 'Di', 2],
    ]);
    expect(r.rejected).toEqual([
      { line: 5, message: 'gaps.csv line 5: email "bad" is not an e-mail address' },
      { line: 6, message: 'gaps.csv line 6: edition "ex" does not publish Level 3' },
    ]);
  });

  it("lists a row too wide for the reader, refused first, in its line's place", async () => {
    const r = await read(
      'order.csv',
      [HEADER, good('Bo', 'bad'), ','.repeat(300), good('Cy', 'c@example.org')].join('\n') + '\n',
    );
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3]);
    expect(r.applicants.map((a) => a.line)).toEqual([4]);
  });

  it("reads a short row's missing cells as empty, and a header's cells trimmed", async () => {
    const r = await read(
      'short.csv',
      [
        HEADER.split(',')
          .map((h) => ` ${h.toUpperCase()} `)
          .join(','),
        'Ann,Lee,1 Main St,,Lansing,MI,48933',
      ].join('\n') + '\n',
    );
    expect(r.rejected).toEqual([
      {
        line: 2,
        message: 'short.csv line 2: missing email; missing edition; missing level; level must be 1, 2, 3 or 4',
      },
    ]);
  });

  it("names the header's own line when it is not the first, and every column it lacks", async () => {
    expect(await refusal('late.csv', ['', ',,', 'first_name,email', good('Ann', 'a@example.org')].join('\n'))).toBe(
      'late.csv line 3: the header lacks last_name, address_line1, city, state, postal_code, edition, level; expected the columns first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level',
    );
    expect(await refusal('blank.csv', ',,,\n')).toBe(
      'blank.csv line 1: the header lacks first_name, last_name, address_line1, city, state, postal_code, email, edition, level; expected the columns first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level',
    );
  });

  it('reads columns in any order and case, with other columns beside them', async () => {
    const r = await read(
      'order.csv',
      [
        'Level,EDITION,Email,notes,postal_code,State,city,address_line1,last_name,first_name',
        '2,ex,z@example.org,hi,48933,MI,Lansing,1 Main St,Zed,Zoe',
      ].join('\n'),
    );
    expect(r.rejected).toEqual([]);
    expect(r.applicants).toEqual([
      {
        first_name: 'Zoe',
        last_name: 'Zed',
        address_line1: '1 Main St',
        address_line2: '',
        city: 'Lansing',
        state: 'MI',
        postal_code: '48933',
        email: 'z@example.org',
        edition: 'ex',
        level: 2,
        line: 2,
      },
    ]);
  });

  it('refuses a file it cannot read, and --sheet on a CSV, by name', async () => {
    await expect(readRoster(join(dir, 'missing.csv'), editions)).rejects.toThrow(
      new RosterError(
        'missing.csv: cannot read the roster (ENOENT); expected a CSV file exported from a spreadsheet, or an .xlsx workbook',
      ),
    );
    expect(await refusal('text.csv', `${HEADER}\n${good('Ann', 'a@example.org')}\n`, 'Sheet2')).toBe(
      'text.csv: --sheet "Sheet2" names a sheet of an Excel workbook, but this is a text (CSV) file; expected an .xlsx file, or no --sheet',
    );
    // Only the four bytes of the old Excel format are refused as .xls.
    for (const [i, b] of [0xd0, 0xcf, 0x11, 0xe0].entries()) {
      const bytes = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0x41]);
      bytes[i] = 0x41;
      const r = await read('nearly.csv', bytes).then(
        () => 'read',
        (e: Error) => e.message,
      );
      expect(r, `byte ${i} is not 0x${b.toString(16)}`).not.toMatch(/Excel 97-2003/);
    }
  });
});

describe("file names from an applicant's name", () => {
  const a = (first_name: string, last_name: string, line = 7) => ({ first_name, last_name, line }) as Applicant;
  it('transliterates to ASCII, last name first, unique by roster line', () => {
    expect(packetFileName(a('Łucja', 'Øberg'))).toBe('line-0007-oberg-lucja');
    expect(packetFileName(a('Ana', 'Pérez', 12345))).toBe('line-12345-perez-ana');
    expect(nameSlug(a('José María', 'García Núñez'))).toBe('garcia-nunez-jose-maria');
    expect(nameSlug(a('', 'Lee'))).toBe('lee');
    expect(nameSlug(a('Ana', 'DeLuca'))).toBe('deluca-ana');
    expect(nameSlug(a('', ''))).toBe('applicant');
    expect(nameSlug(a('!!!', '???'))).toBe('applicant');
  });
  it('cuts a long name at 60 characters, without a hyphen at the end', () => {
    expect(packetFileName(a('y', 'x'.repeat(59)))).toBe(`line-0007-${'x'.repeat(59)}`);
    expect(packetFileName(a('yz', 'x'.repeat(58)))).toBe(`line-0007-${'x'.repeat(58)}-y`);
    expect(packetFileName(a('y', 'x'.repeat(70)))).toBe(`line-0007-${'x'.repeat(60)}`);
  });
  it('keeps the case of each name part for a file name', () => {
    expect(fileNameParts(a('José María', 'DeLuca'))).toEqual({ first: 'Jose-Maria', last: 'DeLuca' });
    expect(fileNameParts(a('', '!!'))).toEqual({ first: '', last: '' });
  });
});
