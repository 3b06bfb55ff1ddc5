// Concurrent, interrupted and repeated runs: two builds of one out/, a build killed mid-way, a mail merge re-run into its folder.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFolder, lockPath } from '../src/pipeline/lock.js';
import { command as commandOf } from './helpers/cli.js';
import { readPdf } from './helpers/pdf.js';

const project = process.cwd();
const env = { ...process.env, CG_WORKERS: '1' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, command: 'build' | 'packets', ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    const [exe, before] = commandOf(command);
    execFile(exe, [...before, ...args], { cwd, env, timeout: 180_000 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = createHash('sha256').update(readFileSync(join(d, e.name))).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string; edition: string; sha256: string }[] };
const litter = (dir: string) => readdirSync(dir).filter((n) => /-(staging|old)-\d+$|\.lock/.test(n));

function newProject(prefix: string): string {
  const work = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(project, 'source'), join(work, 'source'), { recursive: true });
  cpSync(join(project, 'templates'), join(work, 'templates'), { recursive: true });
  return work;
}

describe('two builds of one out/ at once, and a killed build', () => {
  let work: string;
  beforeAll(() => {
    work = newProject('cg-locks-');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('keeps both builds: the second waits for the first and starts from its out/', async () => {
    // A mail merge's folder in out/, with a send log: the builds keep it.
    mkdirSync(join(work, 'out', 'packets'), { recursive: true });
    writeFileSync(join(work, 'out', 'packets', 'send-log.jsonl'), '{"sent":"line-0002"}\n');
    const [a, b] = await Promise.all([cli(work, 'build', '--edition', 'new-mexico'), cli(work, 'build', '--edition', 'michigan')]);
    expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, expect.stringMatching(/^waiting for another build of out\/ \(pid \d+\) …$/m)]);
    const out = join(work, 'out');
    const listed = manifestOf(out).files;
    expect([...new Set(listed.map((f) => f.edition))].sort()).toEqual(['michigan', 'new-mexico']);
    const tree = hashTree(out);
    for (const f of listed) expect(tree[f.path], f.path).toBe(f.sha256);
    expect((await readPdf(join(out, 'new-mexico', 'packet-level-2.pdf'))).text).toContain('New Mexico');
    expect((await readPdf(join(out, 'michigan', 'packet-level-1.pdf'))).text).toContain('Michigan');
    expect(readFileSync(join(out, 'packets', 'send-log.jsonl'), 'utf8')).toBe('{"sent":"line-0002"}\n');
    expect(listed.some((f) => f.path.startsWith('packets/'))).toBe(false);
    expect(litter(work)).toEqual([]);
  }, 300_000);

  it('takes over a lock whose process is gone instead of waiting for it', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(lockPath(join(work, 'out')), JSON.stringify({ pid: dead.pid, token: 'killed' }) + '\n');
    const waited: number[] = [];
    const lock = await lockFolder(join(work, 'out'), (pid) => waited.push(pid));
    expect(JSON.parse(readFileSync(lockPath(join(work, 'out')), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(waited).toEqual([]);
    expect(existsSync(lockPath(join(work, 'out')))).toBe(false);
  });

  it('leaves out/ as it was when killed, and the next build removes its staging folder', async () => {
    const out = join(work, 'out');
    const before = hashTree(out);
    const [exe, args] = commandOf('build');
    const child = spawn(exe, [...args, '--edition', 'new-mexico', '--force'], { cwd: work, env, stdio: 'ignore' });
    const staging = join(work, `.out-staging-${child.pid}`);
    // Killed once it has written some of its files.
    const started = Date.now();
    while (!existsSync(join(staging, 'michigan')) && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(existsSync(staging)).toBe(true);
    expect(hashTree(out)).toEqual(before);
    // Nothing changed, so the next build has nothing to do, and still clears what the killed one left.
    const next = await cli(work, 'build', '--edition', 'new-mexico');
    expect(next.code).toBe(0);
    expect(next.stdout).toContain(`removed what interrupted builds left: .out-staging-${child.pid}, .out.lock`);
    expect(litter(work)).toEqual([]);
    expect(hashTree(out)).toEqual(before);
  }, 300_000);
});

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
    expect(summary.files).toEqual(['line-0002-nunez-jose.pdf', 'line-0002-nunez-jose.docx', 'line-0003-kim-bo.pdf', 'line-0003-kim-bo.docx', 'all-packets.pdf']);
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
    expect(readdirSync(out).sort()).toEqual(['all-packets.pdf', 'eml', 'line-0002-nunez-jose.docx', 'line-0002-nunez-jose.pdf', 'send-log.jsonl', 'summary.json']);
    expect(readFileSync(join(out, 'send-log.jsonl'), 'utf8')).toBe('{"file":"line-0003-kim-bo.pdf"}\n');
    expect(readFileSync(join(out, 'eml', 'line-0003.eml'), 'utf8')).toBe('Subject: your packet\n');
    const combined = await readPdf(join(out, 'all-packets.pdf'));
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
    expect(r.stderr.trim()).toBe(`error: ${out}/ holds files this mail merge did not make (notes.txt); nothing was changed. Move them elsewhere or choose another --out`);
    expect(hashTree(out)).toEqual(before);
    expect(statSync(join(out, 'summary.json')).mtimeMs).toBe(mtime);
    expect(litter(work)).toEqual([]);
    rmSync(join(out, 'notes.txt'));
  }, 300_000);

  it('after a killed run, keeps the previous run and says the partial files were removed', async () => {
    const before = hashTree(out);
    const [exe, args] = commandOf('packets');
    const child = spawn(exe, [...args, '--roster', join(work, 'roster.csv'), '--out', out], { cwd: project, env, stdio: 'ignore' });
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
    expect(readdirSync(out).sort()).toEqual(['all-packets.pdf', 'eml', 'line-0002-kim-bo.docx', 'line-0002-kim-bo.pdf', 'send-log.jsonl', 'summary.json']);
    expect(litter(work)).toEqual([]);
  }, 300_000);
});
