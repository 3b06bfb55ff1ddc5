// Concurrent and interrupted builds: two builds of one out/, a build killed mid-way (test/merge-reruns.test.ts: the mail merge).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFolder, lockPath } from '../src/pipeline/lock.js';
import { command as commandOf, hashTree, litter, runCommand as cli } from './helpers/cli.js';
import { readPdf } from './helpers/pdf.js';

const project = process.cwd();
const env = { ...process.env, CG_WORKERS: '1' };

const manifestOf = (out: string) =>
  JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
    files: { path: string; edition: string; sha256: string }[];
  };

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
    const [a, b] = await Promise.all([
      cli(work, 'build', '--edition', 'new-mexico'),
      cli(work, 'build', '--edition', 'michigan'),
    ]);
    expect([a.code, b.code, a.stderr + b.stderr]).toEqual([
      0,
      0,
      expect.stringMatching(/^waiting for another build of out\/ \(pid \d+\) …$/m),
    ]);
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
    while (!existsSync(join(staging, 'michigan')) && Date.now() - started < 120_000)
      await new Promise((r) => setTimeout(r, 50));
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
