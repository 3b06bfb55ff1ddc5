// collect:packets on packets filled the way applicants fill them: PDFs by pdf-lib and by pdf.js, Word packets by
// editing their content controls and re-saved by LibreOffice; a required field left empty, a flattened PDF, a
// non-packet, an encrypted and a damaged PDF. The workbook is read back with read-excel-file, the CSV with csv-parse.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from '@cantoo/pdf-lib';
import { parse } from 'csv-parse/sync';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composePacket, type Addressee } from '../src/compose/packet.js';
import { resolveEdition } from '../src/editions/edition.js';
import { loadSource } from '../src/editions/source.js';
import { writeDocx } from '../src/write/docx/write-docx.js';
import { writePdf } from '../src/write/pdf/document.js';
import { bareContext } from '../src/write/context.js';
import { openPdf } from './helpers/pdf.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-collect-'));
const inbox = join(dir, 'returned');
const L = 'packet_l3_';
const ana: Addressee = {
  first_name: 'Ana',
  last_name: 'Pérez',
  address_line1: '1 Main St',
  address_line2: '',
  city: 'Lansing',
  state: 'MI',
  postal_code: '48912',
  email: 'ana@example.org',
  line: 4,
};

/** Everything an applicant must fill in, with values a spreadsheet program would take for formulas among them. */
const typed: Record<string, string> = {
  application_first_name: 'Bo',
  application_last_name: 'Lindqvist',
  application_address_line1: '22 Elm Road',
  application_city: 'Detroit',
  application_state: 'MI',
  application_postal_code: '48201',
  application_email: 'bo@example.org',
  application_phone: '+1 313 555 0100',
  application_signature: 'Bo Lindqvist',
  application_date: '3/14/2026',
  reference_ref_name: '=HYPERLINK("http://example.invalid","click")',
  reference_ref_contact: '@ref.example.org',
  ethics_ethics_signature: 'Bo Lindqvist',
  ethics_ethics_date: '3/14/2026',
  ethics_waiver_signature: '-Bo-',
  ethics_waiver_date: '3/15/2026',
  training_log_r1_Hours: '12',
};
const ticked = ['ethics_ethics_agree', 'ethics_waiver_agree'];

let blankPdf: Uint8Array;
let personalPdf: Uint8Array;
let blankDocx: Uint8Array;

async function fillPdf(bytes: Uint8Array, values: Record<string, string>, tick: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes);
  const form = doc.getForm();
  for (const [k, v] of Object.entries(values)) if (form.getFieldMaybe(L + k)) form.getTextField(L + k).setText(v);
  for (const k of tick) form.getCheckBox(L + k).check();
  return doc.save();
}

/** Types into a Word packet's content controls as Word does: the control's text replaced, its placeholder flag gone. */
function fillDocx(bytes: Uint8Array, values: Record<string, string>, tick: string[]): Uint8Array {
  const parts = unzipSync(bytes);
  let xml = strFromU8(parts['word/document.xml']);
  xml = xml.replace(
    /<w:sdt><w:sdtPr>((?:(?!<\/w:sdtPr>).)*)<\/w:sdtPr><w:sdtContent>((?:(?!<\/w:sdtContent>).)*)<\/w:sdtContent><\/w:sdt>/g,
    (whole, pr: string, content: string) => {
      const tag = /<w:tag w:val="([^"]+)"/.exec(pr)?.[1]?.slice(L.length);
      if (!tag) return whole;
      if (tick.includes(tag))
        return `<w:sdt><w:sdtPr>${pr.replace('<w14:checked w14:val="0"/>', '<w14:checked w14:val="1"/>')}</w:sdtPr><w:sdtContent>${content.replace('☐', '☒')}</w:sdtContent></w:sdt>`;
      if (!(tag in values)) return whole;
      const text = values[tag].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      return `<w:sdt><w:sdtPr>${pr.replace('<w:showingPlcHdr/>', '')}</w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:sdtContent></w:sdt>`;
    },
  );
  parts['word/document.xml'] = strToU8(xml);
  return zipSync(parts);
}

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const loader = pathToFileURL(join(process.cwd(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  return new Promise((done) =>
    execFile(
      process.execPath,
      ['--import', loader, join(process.cwd(), 'src', 'cli', 'collect.ts'), ...args],
      { cwd: process.cwd(), timeout: 120_000 },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(async () => {
  const tree = loadSource(process.cwd());
  const edition = resolveEdition(
    tree,
    tree.editions.find((e) => e.id === 'michigan')!,
  );
  const level = edition.guidelines.levels.find((l) => l.level === 3)!;
  const generic = composePacket(edition, level, tree.packetTemplate).document;
  blankPdf = (await writePdf(generic, bareContext())).bytes;
  blankDocx = await writeDocx(generic);
  personalPdf = (await writePdf(composePacket(edition, level, tree.packetTemplate, ana).document, bareContext())).bytes;
  mkdirSync(inbox);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packets carry what a return is matched by', () => {
  it('names every field the same in the PDF and the Word packet, and each /DA names a font of the /DR', async () => {
    const doc = await PDFDocument.load(blankPdf);
    const form = doc.getForm();
    const pdfNames = form.getFields().map((f) => f.getName());
    const tags = [...strFromU8(unzipSync(blankDocx)['word/document.xml']).matchAll(/<w:tag w:val="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(tags).toEqual(pdfNames);
    expect(pdfNames).toContain(`${L}application_packet_id`);
    const dr = String(form.acroForm.dict.get((await import('@cantoo/pdf-lib')).PDFName.of('DR')));
    for (const f of form.getFields()) {
      const da = /\/(\S+) [\d.]+ Tf/.exec(String(f.acroField.getDefaultAppearance()))?.[1];
      expect(da, f.getName()).toBeDefined();
      expect(dr, f.getName()).toContain(`/${da} `);
    }
  });

  it('gives a personalized packet a read-only id with the roster line and the applicant', async () => {
    const id = (await PDFDocument.load(personalPdf)).getForm().getTextField(`${L}application_packet_id`);
    expect(id.getText()).toBe('edition=michigan; level=3; line=4; applicant=Ana Pérez');
    expect(id.isReadOnly()).toBe(true);
  });

  it('gives each Word field a content control of its kind, labelled by its alias', () => {
    const xml = strFromU8(unzipSync(blankDocx)['word/document.xml']);
    expect(xml).toMatch(
      /<w:sdtPr><w:alias w:val="Email"\/><w:tag w:val="packet_l3_application_email"\/><w:showingPlcHdr\/><w:text\/><\/w:sdtPr>/,
    );
    expect(xml).toMatch(
      /<w:alias w:val="Date"\/><w:tag w:val="packet_l3_ethics_ethics_date"\/><w:showingPlcHdr\/><w:date>/,
    );
    expect(xml).toMatch(
      /<w:alias w:val="I have read and agree to the Code of Ethics"\/><w:tag w:val="packet_l3_ethics_ethics_agree"\/><w14:checkbox>/,
    );
    expect(xml).toMatch(/<w:tag w:val="packet_l3_application_packet_id"\/><w:lock w:val="sdtContentLocked"\/>/);
  });
});

describe('collect:packets', () => {
  let result: { code: number; stdout: string; stderr: string };
  let sheet: string[][];
  let csv: string[][];
  const row = (file: string) => sheet.find((r) => r[0] === `returned/${file}`)!;
  const cell = (file: string, title: string) => row(file)[sheet[0].indexOf(title)];

  beforeAll(async () => {
    const w = (name: string, bytes: Uint8Array | string) => writeFileSync(join(inbox, name), bytes);
    w('bo.pdf', await fillPdf(blankPdf, typed, ticked));
    // Ana's personalized packet, her ethics date left empty; returned twice, the second a day later.
    const anaValues = { ...typed, ethics_ethics_date: '' };
    w('ana.pdf', await fillPdf(personalPdf, anaValues, ticked));
    w('ana-again.pdf', await fillPdf(personalPdf, { ...anaValues, ethics_ethics_date: '4/1/2026' }, ticked));
    utimesSync(join(inbox, 'ana.pdf'), new Date('2026-04-01'), new Date('2026-04-01'));
    utimesSync(join(inbox, 'ana-again.pdf'), new Date('2026-04-02'), new Date('2026-04-02'));
    // Filled in a browser: pdf.js's annotation storage, saved as Firefox saves a form.
    const js = await openPdf(blankPdf.slice());
    const widgets = new Map<string, string>();
    for (let p = 1; p <= js.numPages; p++)
      for (const a of await (await js.getPage(p)).getAnnotations()) if (a.fieldName) widgets.set(a.fieldName, a.id);
    const set = (name: string, value: string | boolean) =>
      js.annotationStorage.setValue(widgets.get(L + name)!, { value });
    for (const [k, v] of Object.entries({
      ...typed,
      application_first_name: 'Chen',
      application_last_name: 'Wei',
      application_email: 'chen@example.org',
    }))
      set(k, v);
    for (const k of ticked) set(k, true);
    w('chen-browser.pdf', await js.saveDocument());
    await js.loadingTask.destroy();
    // Word: typed into its controls; then a copy opened and saved again by LibreOffice.
    w(
      'dana.docx',
      fillDocx(blankDocx, { ...typed, application_first_name: 'Dana', application_last_name: 'Okafor' }, ticked),
    );
    const lo = join(dir, 'lo');
    mkdirSync(lo);
    writeFileSync(
      join(lo, 'eli.docx'),
      fillDocx(
        blankDocx,
        { ...typed, application_first_name: 'Eli', application_last_name: 'Moreau', ethics_waiver_date: '' },
        ticked,
      ),
    );
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'docx',
        '--outdir',
        join(lo, 'out'),
        join(lo, 'eli.docx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    w('eli-libreoffice.docx', readFileSync(join(lo, 'out', 'eli.docx')));
    // Flattened: the fields burnt into the page.
    const flat = await PDFDocument.load(await fillPdf(blankPdf, typed, ticked));
    flat.getForm().flatten();
    w('flattened.pdf', await flat.save());
    w('cover-letter.txt', 'Dear office, here is my application.');
    const plain = await PDFDocument.create();
    plain.addPage();
    w('scan.pdf', await plain.save());
    const locked = await PDFDocument.load(await fillPdf(blankPdf, typed, ticked));
    locked.encrypt({ userPassword: 'secret', ownerPassword: 'owner' });
    w('locked.pdf', await locked.save());
    w('damaged.pdf', (await fillPdf(blankPdf, typed, ticked)).slice(0, 4000));
    // Past the 32 MB cap (a sparse file: nothing is read of it).
    w('huge.pdf', '%PDF-1.7\n');
    truncateSync(join(inbox, 'huge.pdf'), 33 * 1024 * 1024);
    // A Word file that declares a DOCTYPE (where entities would be): refused before any is expanded.
    const parts = unzipSync(fillDocx(blankDocx, typed, ticked));
    parts['word/document.xml'] = strToU8(
      strFromU8(parts['word/document.xml']).replace('?>', '?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>'),
    );
    w('entities.docx', zipSync(parts));
    result = await run(inbox, '--out', join(dir, 'applications.xlsx'));
    sheet = (await readXlsxFile(readFileSync(join(dir, 'applications.xlsx'))))[0].data.map((r: unknown[]) =>
      r.map((c) => (c == null ? '' : String(c))),
    );
    csv = parse(readFileSync(join(dir, 'applications.csv'), 'utf8').replace(/^\ufeff/, ''));
  }, 240_000);

  it('exits 1 and lists the files that need attention', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /needs entry by hand:\n(?:.*\n)*\s+returned\/flattened\.pdf: the PDF has no form fields/,
    );
    expect(result.stdout).toContain('returned/scan.pdf: the PDF has no form fields');
    expect(result.stdout).toContain('returned/cover-letter.txt: not a PDF or Word (.docx) packet');
    expect(result.stdout).toMatch(/refused:\n(?:.*\n)*\s+returned\/locked\.pdf: the PDF is encrypted/);
    expect(result.stdout).toContain('returned/damaged.pdf: the PDF is damaged');
    expect(result.stdout).toContain('line 4 Ana Pérez, Level 3: missing date (ethics)');
  });

  it('writes one row per file, every typed value in its column, and each status', () => {
    expect(sheet.length).toBe(1 + 13);
    const header = sheet[0];
    expect(header.slice(0, 5)).toEqual(['File', 'Edition', 'Level', 'Applicant', 'Roster line']);
    expect(header.at(-1)).toBe('status');
    expect(header).toContain('Email');
    expect(header).toContain('Signature (ethics)');
    expect(header).toContain('Hours, row 1 (training log)');
    const title: Record<string, string> = {
      application_first_name: 'First name',
      application_email: 'Email',
      application_phone: 'Phone',
      application_date: 'Date (application)',
      reference_ref_name: 'Name of the person giving the rating',
      reference_ref_contact: 'Their email or phone',
      ethics_ethics_signature: 'Signature (ethics)',
      ethics_waiver_signature: 'Signature (waiver)',
      training_log_r1_Hours: 'Hours, row 1 (training log)',
    };
    for (const file of ['bo.pdf', 'chen-browser.pdf', 'dana.docx', 'eli-libreoffice.docx']) {
      for (const [key, t] of Object.entries(title))
        if (key !== 'application_first_name' && key !== 'application_email')
          expect(cell(file, t), `${file} ${t}`).toBe(typed[key]);
      expect(cell(file, 'I have read and agree to the Code of Ethics'), file).toBe('Yes');
      expect(cell(file, 'Edition'), file).toBe('michigan');
      expect(cell(file, 'Level'), file).toBe('3');
    }
    expect(cell('bo.pdf', 'Applicant')).toBe('Bo Lindqvist');
    expect(cell('chen-browser.pdf', 'Applicant')).toBe('Chen Wei');
    expect(cell('chen-browser.pdf', 'Email')).toBe('chen@example.org');
    expect(cell('dana.docx', 'Applicant')).toBe('Dana Okafor');
    expect(cell('eli-libreoffice.docx', 'Applicant')).toBe('Eli Moreau');
    for (const file of ['bo.pdf', 'chen-browser.pdf', 'dana.docx']) expect(cell(file, 'status'), file).toBe('complete');
    expect(cell('eli-libreoffice.docx', 'status')).toBe('missing date (waiver)');
    expect(cell('ana.pdf', 'Applicant')).toBe('Ana Pérez');
    expect(cell('ana.pdf', 'Roster line')).toBe('4');
    expect(cell('ana.pdf', 'status')).toMatch(
      /^missing date \(ethics\); returned more than once \(an earlier one; also returned\/ana-again\.pdf\)$/,
    );
    expect(cell('ana-again.pdf', 'status')).toMatch(
      /^complete; returned more than once \(the latest; also returned\/ana\.pdf\)$/,
    );
    // The later return first.
    expect(sheet.findIndex((r) => r[0] === 'returned/ana-again.pdf')).toBe(
      sheet.findIndex((r) => r[0] === 'returned/ana.pdf') - 1,
    );
    expect(cell('flattened.pdf', 'status')).toMatch(/^needs entry by hand: /);
    expect(cell('cover-letter.txt', 'status')).toMatch(/^needs entry by hand: /);
    expect(cell('locked.pdf', 'status')).toMatch(/^refused: the PDF is encrypted/);
    expect(cell('damaged.pdf', 'status')).toMatch(/^refused: the PDF is damaged/);
    expect(cell('huge.pdf', 'status')).toBe(
      'refused: the file is 33.0 MB; expected a returned packet of at most 32 MB',
    );
    expect(cell('entities.docx', 'status')).toMatch(/^refused: the Word file declares a DOCTYPE/);
  });

  it('writes no formulas: text cells in the workbook, an apostrophe before =, +, - and @ in the CSV', () => {
    const sheetXml = strFromU8(
      unzipSync(new Uint8Array(readFileSync(join(dir, 'applications.xlsx'))))['xl/worksheets/sheet1.xml'],
    );
    expect(sheetXml).not.toContain('<f>');
    const c = csv.find((r) => r[0] === 'returned/bo.pdf')!;
    const at = (t: string) => c[csv[0].indexOf(t)];
    expect(at('Name of the person giving the rating')).toBe(`'${typed.reference_ref_name}`);
    expect(at('Their email or phone')).toBe(`'${typed.reference_ref_contact}`);
    expect(at('Phone')).toBe(`'${typed.application_phone}`);
    expect(at('Signature (waiver)')).toBe(`'${typed.ethics_waiver_signature}`);
    expect(at('Signature (ethics)')).toBe('Bo Lindqvist');
    expect(csv.length).toBe(sheet.length);
  });

  it('exits 0 when every file was read, 2 on bad usage', async () => {
    const ok = await run(join(inbox, 'bo.pdf'), '--out', join(dir, 'one.xlsx'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('1 packet read (1 complete)');
    // The same returns, the same bytes.
    await run(join(inbox, 'bo.pdf'), '--out', join(dir, 'two.xlsx'));
    expect(Buffer.compare(readFileSync(join(dir, 'one.xlsx')), readFileSync(join(dir, 'two.xlsx')))).toBe(0);
    expect((await run(join(inbox, 'bo.pdf'), '--out', join(dir, 'one.csv'))).code).toBe(2);
    expect((await run(join(dir, 'nothing-here'), '--out', join(dir, 'one.xlsx'))).code).toBe(2);
    expect((await run('--out', join(dir, 'one.xlsx'))).code).toBe(2);
  });
});
