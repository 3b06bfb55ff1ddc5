// Ctrl+C as a terminal sends it: SIGINT to the whole process group while the command renders, the command started as
// a user starts it (`npm run …`) or by the very command line package.json gives npm (to see its own exit code: npm
// itself ends by the signal it was sent, which a shell shows as 130 too). One line, exit 130, no stack trace, no
// staging folder or lock, the output folder as it was.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { removeOnInterrupt, removeStaging } from '../src/util/interrupt.js';
import { hashTree, litter } from './helpers/cli.js';

const project = process.cwd();
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cg-interrupt-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const scripts = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).scripts as Record<string, string>;

/**
 * Runs a script (`npm run <script> -- args` with `viaNpm`, else the script's own command line from package.json) in a
 * process group of its own and sends SIGINT to the group once `ready` says so (polled every 50 ms), as a terminal
 * does on Ctrl+C.
 */
function interrupt(
  script: string,
  args: string[],
  ready: (stderr: string) => boolean,
  env: Record<string, string> = {},
  viaNpm = false,
): Promise<Stopped> {
  return new Promise((done, fail) => {
    const [exe, ...before] = viaNpm ? ['npm', 'run', '--silent', script, '--'] : scripts[script].split(' ');
    const child = spawn(exe === 'node' ? process.execPath : exe, [...before, ...args], {
      cwd: project,
      detached: true,
      env: { ...process.env, CG_WORKERS: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let sent = false;
    const poll = setInterval(() => {
      if (sent || !ready(stderr)) return;
      sent = true;
      process.kill(-child.pid!, 'SIGINT');
    }, 50);
    const limit = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      fail(new Error(`not stopped; stderr: ${stderr}`));
    }, 150_000);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(limit);
      if (!sent) fail(new Error(`ended before it was interrupted (${code}); stderr: ${stderr}`));
      else done({ code, signal, stdout, stderr });
    });
  });
}

/** The one line, and nothing after it that looks like a stack trace or another error. */
function expectOneLine(r: Stopped, line: string, viaNpm = false): void {
  if (viaNpm) expect(r.signal === 'SIGINT' || r.code === 130).toBe(true);
  else expect([r.code, r.signal]).toEqual([130, null]);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines.filter((l) => l.startsWith('interrupted'))).toEqual([line]);
  expect(lines.at(-1)).toBe(line);
  expect(r.stderr).not.toMatch(/^\s+at |Error:|internal error/m);
}

describe('removing a staging folder that threads are still writing into', () => {
  it('removes it whole (a plain recursive remove met ENOTEMPTY: a file written after the folder was emptied)', async () => {
    const dir = join(work, '.packets-staging-1');
    mkdirSync(dir, { recursive: true });
    // A thread writing files as fast as it can, as the mail merge's applicant threads do; it stops when the folder is gone.
    const writer = new Worker(
      `const { writeFileSync } = require('node:fs'); const { parentPort } = require('node:worker_threads'); let i = 0; parentPort.postMessage('writing');
       try { for (;;) writeFileSync(${JSON.stringify(dir)} + '/line-' + i++ + '.pdf', 'x'.repeat(4096)); } catch (e) { parentPort.postMessage(e.code); }`,
      { eval: true },
    );
    const stopped = new Promise((r) => writer.on('message', (m) => m !== 'writing' && r(m)));
    await new Promise((r) => writer.once('message', r));
    await new Promise((r) => setTimeout(r, 100));
    removeOnInterrupt(dir);
    expect(removeStaging()).toEqual([]);
    expect(await stopped).toBe('ENOENT');
    expect(readdirSync(work).filter((n) => n.startsWith('.packets'))).toEqual([]);
    await writer.terminate();
  });
});

describe('Ctrl+C', () => {
  for (const viaNpm of [true, false]) {
    it(`stops build:booklets while it renders${viaNpm ? ', through npm run' : ''}: one line, exit 130, out/ unchanged, no staging folder or lock`, async () => {
      const parent = join(work, `booklets-${viaNpm}`);
      const out = join(parent, 'out');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'manifest.json'), '{"files":[]}\n');
      writeFileSync(join(out, 'kept.txt'), 'from the build before');
      const before = hashTree(out);
      // --force renders every document (no cache): SIGINT once the staging folder is made, as the 40 renders begin (the
      // main thread is then laying out a document, and the signal waits for it).
      const r = await interrupt(
        'build:booklets',
        ['--force', '--out', out],
        () => readdirSync(parent).some((n) => n.includes('-staging-')),
        {},
        viaNpm,
      );
      expectOneLine(r, `interrupted; ${out}/ is unchanged`, viaNpm);
      // Handled once the document being laid out is done, not after every document queued (all 20 Word files were).
      expect(r.stderr).not.toContain('[4/40]');
      expect(hashTree(out)).toEqual(before);
      expect(litter(parent)).toEqual([]);
    });
  }

  it('stops a mail merge while workers write packets: the staging folder is removed, the previous run kept', async () => {
    const parent = join(work, 'merge');
    const out = join(parent, 'packets');
    mkdirSync(parent, { recursive: true });
    const rows = Array.from(
      { length: 40 },
      (_, i) => `Ann${i},Smith,${i} Main St,,Lansing,MI,48933,ann${i}@example.org,michigan,${(i % 4) + 1}\n`,
    );
    writeFileSync(
      join(parent, 'roster.csv'),
      'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level\n' + rows.join(''),
    );
    // Two applicant threads, writing into the staging folder while the signal is handled (where rmdir met ENOTEMPTY).
    const staged = () => readdirSync(parent).filter((n) => n.includes('-staging-'));
    const r = await interrupt(
      'build:packets',
      ['--roster', join(parent, 'roster.csv'), '--out', out],
      () => staged().some((d) => existsSync(join(parent, d)) && readdirSync(join(parent, d)).length >= 4),
      { CG_WORKERS: '2' },
    );
    expectOneLine(r, `interrupted; ${out}/ is unchanged (it holds the previous complete run, if any)`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual(['roster.csv']);
  });

  it('stops send:packets while it makes the packets', async () => {
    const parent = join(work, 'send');
    const out = join(parent, 'packets');
    mkdirSync(parent, { recursive: true });
    writeFileSync(
      join(parent, 'roster.csv'),
      'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level\nAnn,Smith,1 Main St,,Lansing,MI,48933,ann@example.org,michigan,2\nBo,Kim,3 Pine Rd,,Lansing,MI,48933,bo@example.org,texas,4\n',
    );
    const r = await interrupt(
      'send:packets',
      ['--roster', join(parent, 'roster.csv'), '--out', out, '--dry-run', '--from', 'office@example.org'],
      () => readdirSync(parent).some((n) => n.includes('-staging-')),
    );
    expectOneLine(
      r,
      `interrupted; nothing more is sent and ${out}/send-log.jsonl has every message sent so far: the same command continues where it stopped`,
    );
    // No staging folder is left. A merge of two applicants with their shared packets kept can finish before the signal
    // lands: then packets/ is the complete run (its summary written last), never a part of one.
    const left = readdirSync(parent).filter((n) => n !== 'roster.csv');
    if (left.length) {
      expect(left).toEqual(['packets']);
      expect(readdirSync(out)).toContain('summary.json');
    }
  });

  it('stops dev during a rebuild', async () => {
    const parent = join(work, 'dev');
    const out = join(parent, 'out');
    mkdirSync(parent, { recursive: true });
    const r = await interrupt(
      'dev',
      ['--edition', 'texas', '--out', out],
      () => readdirSync(parent).some((n) => n.includes('-staging-')),
      { CG_CACHE_DIR: join(parent, 'cache') },
    );
    // dev puts the booklet PDF in out/ as soon as it is ready: the signal may come before that or after it (a booklet
    // takes about a second), and the line says which.
    const early = `interrupted; ${out}/texas/competency-guidelines.pdf was updated, the rest of ${out}/ is unchanged`;
    if (r.stderr.includes(early)) {
      expectOneLine(r, early);
      expect(readdirSync(parent).filter((n) => n !== 'cache')).toEqual(['out']);
      expect(readdirSync(out, { recursive: true }).sort()).toEqual(['texas', 'texas/competency-guidelines.pdf']);
    } else {
      expectOneLine(r, `interrupted; ${out}/ is unchanged`);
      expect(readdirSync(parent).filter((n) => n !== 'cache')).toEqual([]);
    }
  });
});
