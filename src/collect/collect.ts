// collect:packets: reads returned packets (filled PDFs and Word files) into one row each, checks what is missing, and
// writes the rows to an .xlsx workbook and a CSV beside it. A file that cannot be read is named and the run goes on.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { composePacket, PACKET_ID_FIELD, requiredFields } from '../compose/packet.js';
import { resolveEdition, type Edition } from '../editions/edition.js';
import { fileOverCap, RETURN_CAPS } from '../read/caps.js';
import type { SourceTree } from '../editions/source.js';
import { columnKey, packetFields, type ExpectedField } from './expected.js';
import { readDocxReturn } from './read-docx.js';
import { readPdfReturn } from './read-pdf.js';
import type { ReadResult, ReturnedField } from './returned.js';

/** One returned file, read. */
export interface ReturnRow {
  /** As given (relative to the folder named on the command line). */
  file: string;
  edition: string;
  level: string;
  applicant: string;
  rosterLine: string;
  /** Values by column key. */
  values: Map<string, string>;
  status: string;
  /** needs entry by hand or refused: what the listing says. */
  attention?: 'byHand' | 'refused';
  mtimeMs: number;
}

export interface Collected {
  rows: ReturnRow[];
  /** Column key and title, in the form's order. */
  columns: { key: string; title: string }[];
}

/** The files to read: each file named, and every file in a folder named (and its folders), in name order. */
export function listReturns(paths: string[]): { path: string; shown: string }[] {
  const out: { path: string; shown: string }[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
          a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
        )) {
          if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
          const full = join(dir, e.name);
          if (e.isDirectory()) walk(full);
          else if (e.isFile()) out.push({ path: full, shown: join(basename(p), relative(p, full)) });
        }
      };
      walk(p);
    } else out.push({ path: p, shown: basename(p) });
  }
  return out;
}

async function readReturn(path: string, shown: string): Promise<ReadResult> {
  const size = statSync(path).size;
  const over = fileOverCap(shown, size, RETURN_CAPS.fileBytes, 'a returned packet');
  if (over) return { kind: 'refused', reason: over.slice(over.indexOf(': ') + 2) };
  const ext = extname(path).toLowerCase();
  if (ext !== '.pdf' && ext !== '.docx') return { kind: 'byHand', reason: 'not a PDF or Word (.docx) packet' };
  const bytes = new Uint8Array(readFileSync(path));
  return ext === '.pdf' ? readPdfReturn(bytes) : readDocxReturn(bytes);
}

/** "edition=michigan; level=3; line=4; applicant=Ana Pérez" → its parts. */
export function parsePacketId(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(/;\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export async function collectReturns(files: { path: string; shown: string }[], tree: SourceTree): Promise<Collected> {
  const editions = new Map<string, Edition>();
  const expectedCache = new Map<string, ExpectedField[]>();
  const expectedFor = (editionId: string, level: number): ExpectedField[] | null => {
    const key = `${editionId}/${level}`;
    if (!expectedCache.has(key)) {
      const source = tree.editions.find((e) => e.id === editionId);
      if (!source) return null;
      if (!editions.has(editionId)) editions.set(editionId, resolveEdition(tree, source));
      const lvl = editions.get(editionId)!.guidelines.levels.find((l) => l.level === level);
      if (!lvl) return null;
      expectedCache.set(key, packetFields(composePacket(editions.get(editionId)!, lvl, tree.packetTemplate).document));
    }
    return expectedCache.get(key)!;
  };
  const required = requiredFields(tree.packetTemplate);
  const sameLabel = new Map<string, number>();
  for (const r of required) sameLabel.set(r.label, (sameLabel.get(r.label) ?? 0) + 1);
  const columns = new Map<string, { label: string; form: string }>();
  const rows: ReturnRow[] = [];

  for (const { path, shown } of files) {
    const mtimeMs = statSync(path).mtimeMs;
    const base = {
      file: shown,
      edition: '',
      level: '',
      applicant: '',
      rosterLine: '',
      values: new Map<string, string>(),
      mtimeMs,
    };
    const read = await readReturn(path, shown);
    if (read.kind === 'refused') {
      rows.push({ ...base, status: `refused: ${read.reason}`, attention: 'refused' });
      continue;
    }
    const idField =
      read.kind === 'packet'
        ? read.fields.find(
            (f) => f.name.endsWith(`_${PACKET_ID_FIELD}`) || (!f.name && f.label?.startsWith('Packet id')),
          )
        : undefined;
    const id = idField ? parsePacketId(idField.value) : {};
    if (read.kind === 'byHand' || !id.edition || !/^[1-4]$/.test(id.level ?? '')) {
      rows.push({
        ...base,
        status: `needs entry by hand: ${read.kind === 'byHand' ? read.reason : 'no packet id (not an application packet)'}`,
        attention: 'byHand',
      });
      continue;
    }
    const expected = expectedFor(id.edition, Number(id.level));
    const fields = named(read.fields, expected);
    for (const e of expected ?? [])
      if (!columns.has(columnKey(e.name))) columns.set(columnKey(e.name), { label: e.label, form: e.form });
    const values = new Map<string, string>();
    for (const f of fields) {
      if (!f.name || f.name.endsWith(`_${PACKET_ID_FIELD}`)) continue;
      const key = columnKey(f.name);
      if (!columns.has(key)) columns.set(key, { label: f.label ?? key, form: '' });
      values.set(key, f.value);
    }
    const present = new Set(fields.map((f) => columnKey(f.name)));
    const missing = required
      .filter((r) => present.has(r.key) && !values.get(r.key))
      .map((r) => (sameLabel.get(r.label)! > 1 ? `${r.label} (${r.key.split('_')[0]})` : r.label));
    const first = values.get('application_first_name');
    const applicant = id.applicant || [first, values.get('application_last_name')].filter(Boolean).join(' ');
    rows.push({
      ...base,
      edition: id.edition,
      level: id.level,
      applicant,
      rosterLine: id.line ?? '',
      values,
      status: missing.length
        ? `missing ${missing.map((m) => m.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())).join(', ')}`
        : 'complete',
    });
  }
  return { rows: flagRepeats(rows), columns: titled(columns) };
}

/**
 * Fields whose program dropped their names (LibreOffice 7.4 keeps a Word control's alias but not its tag) get them back
 * from the packet's field list: the controls are in its order, a pre-filled field missing, so each takes the next
 * expected field of its label (a check box: the next check box).
 */
function named(fields: ReturnedField[], expected: ExpectedField[] | null): ReturnedField[] {
  if (!expected || fields.every((f) => f.name)) return fields;
  let at = 0;
  return fields.map((f) => {
    if (f.name) return f;
    for (let i = at; i < expected.length; i++) {
      const e = expected[i];
      const fits = f.checkbox
        ? e.checkbox && (!f.label || f.label === e.label)
        : !e.checkbox && (f.label ? f.label === e.label : Boolean(f.date) && Boolean(e.date));
      if (fits) {
        at = i + 1;
        return { ...f, name: e.name, label: e.label };
      }
    }
    return f;
  });
}

/** Column titles: the label, and where two columns share one, the key too. */
function titled(columns: Map<string, { label: string; form: string }>): { key: string; title: string }[] {
  const count = new Map<string, number>();
  for (const { label } of columns.values()) count.set(label, (count.get(label) ?? 0) + 1);
  return [...columns].map(([key, { label, form }]) => ({
    key,
    title: count.get(label)! > 1 ? `${label} (${form || key})` : label,
  }));
}

/** The same applicant twice (same edition, level and roster line, or name): both kept, the later return first, flagged. */
function flagRepeats(rows: ReturnRow[]): ReturnRow[] {
  const keyOf = (r: ReturnRow) =>
    r.attention ? null : `${r.edition}/${r.level}/${r.rosterLine || r.applicant.toLowerCase().replace(/\s+/g, ' ')}`;
  const groups = new Map<string, ReturnRow[]>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k && (r.rosterLine || r.applicant)) groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: ReturnRow[] = [];
  const done = new Set<ReturnRow>();
  for (const r of rows) {
    if (done.has(r)) continue;
    const k = keyOf(r);
    const group = k ? groups.get(k) : undefined;
    if (!group || group.length < 2) {
      out.push(r);
      continue;
    }
    const ordered = [...group].sort((a, b) => b.mtimeMs - a.mtimeMs || (a.file < b.file ? -1 : 1));
    ordered.forEach((g, i) => {
      const others = ordered
        .filter((o) => o !== g)
        .map((o) => o.file)
        .join(', ');
      g.status += `; returned more than once (${i === 0 ? 'the latest' : 'an earlier one'}; also ${others})`;
      done.add(g);
      out.push(g);
    });
  }
  return out;
}
