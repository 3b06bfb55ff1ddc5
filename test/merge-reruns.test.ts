// A mail merge re-run into its folder: the folder holds one whole run, a killed run leaves the previous one, files the
// merge did not make are never deleted.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as commandOf, hashTree, litter, runCommand as cli, type Run } from './helpers/cli.js';
import { readPdf } from './helpers/pdf.js';

const project = process.cwd();
const env = { ...process.env, CG_WORKERS: '1' };

const HEADER = 'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level\n';
const NUNEZ = 'José,Núñez,12 Calle Ñandú,,Santa Fe,NM,87501,jose@example.org,new-mexico,2\n';
const KIM = (edition: string) => `Bo,Kim,3 Pine Rd,,Lansing,MI,48933,bo@example.org,${edition},2\n`;

describe('a mail merge re-run into its folder', () => {
  let work: string;
  let out: string;
  let first: Run;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'cg-merge-'));
    out = join(work, 'packets');
    writeFileSync(join(work, 'roster.csv'), HEADER + NUNEZ + KIM('new-mexico'));
    first = await cli(project, 'packets', '--roster', join(work, 'roster.csv'), '--out', out);
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('makes one packet per row, and lists what it made', () => {
    expect(first.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.files).toEqual([
      'line-0002-nunez-jose.pdf',
      'line-0002-nunez-jose.docx',
      'line-0003-kim-bo.pdf',
      'line-0003-kim-bo.docx',
      'all-packets-001.pdf',
    ]);
    expect(readdirSync(out).sort()).toEqual([...summary.files, 'summary.json'].sort());
  });

  it('replaces the previous run whole: a row now refused loses its packet; the send log and e-mails are kept', async () => {
    writeFileSync(join(out, 'send-log.jsonl'), '{"file":"line-0003-kim-bo.pdf"}\n');
    mkdirSync(join(out, 'eml'));
    writeFileSync(join(out, 'eml', 'line-0003.eml'), 'Subject: your packet\n');
    writeFileSync(join(work, 'roster.csv'), HEADER + NUNEZ + KIM('ohio'));
    const r = await cli(project, 'packets', '--roster', join(work, 'roster.csv'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('roster.csv line 3: unknown edition "ohio"');
    expect(readdirSync(out).sort()).toEqual([
      'all-packets-001.pdf',
      'eml',
      'line-0002-nunez-jose.docx',
      'line-0002-nunez-jose.pdf',
      'send-log.jsonl',
      'summary.json',
    ]);
    expect(readFileSync(join(out, 'send-log.jsonl'), 'utf8')).toBe('{"file":"line-0003-kim-bo.pdf"}\n');
    expect(readFileSync(join(out, 'eml', 'line-0003.eml'), 'utf8')).toBe('Subject: your packet\n');
    const combined = await readPdf(join(out, 'all-packets-001.pdf'));
    expect(combined.text).toContain('Núñez');
    expect(combined.text).not.toContain('Bo Kim');
    expect(litter(work)).toEqual([]);
  }, 300_000);

  it('refuses a folder holding a file it did not make, with exit 2, and changes nothing', async () => {
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const before = hashTree(out);
    const mtime = statSync(join(out, 'summary.json')).mtimeMs;
    const r = await cli(project, 'packets', '--roster', join(work, 'roster.csv'), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `error: ${out}/ holds files this mail merge did not make (notes.txt); nothing was changed. Move them elsewhere or choose another --out`,
    );
    expect(hashTree(out)).toEqual(before);
    expect(statSync(join(out, 'summary.json')).mtimeMs).toBe(mtime);
    expect(litter(work)).toEqual([]);
    rmSync(join(out, 'notes.txt'));
  }, 300_000);

  it('after a killed run, keeps the previous run and says the partial files were removed', async () => {
    const before = hashTree(out);
    const [exe, args] = commandOf('packets');
    const child = spawn(exe, [...args, '--roster', join(work, 'roster.csv'), '--out', out], {
      cwd: project,
      env,
      stdio: 'ignore',
    });
    const staging = join(work, `.packets-staging-${child.pid}`);
    const started = Date.now();
    while (!existsSync(staging) && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(existsSync(staging)).toBe(true);
    expect(hashTree(out)).toEqual(before);
    writeFileSync(join(work, 'roster.csv'), HEADER + KIM('new-mexico'));
    const r = await cli(project, 'packets', '--roster', join(work, 'roster.csv'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`a previous run into ${out}/ was interrupted; its partial files were removed`);
    expect(readdirSync(out).sort()).toEqual([
      'all-packets-001.pdf',
      'eml',
      'line-0002-kim-bo.docx',
      'line-0002-kim-bo.pdf',
      'send-log.jsonl',
      'summary.json',
    ]);
    expect(litter(work)).toEqual([]);
  }, 300_000);
});
