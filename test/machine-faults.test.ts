// Faults of the machine are not bugs: a full disk, a read-only folder, no permission, a vanished path each give one line
// naming the path and the cause, exit code 4, and leave nothing behind. For real where the machine lets us: a small
// tmpfs (root may mount one here and in CI); otherwise the test says why it is skipped.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MachineFault, machineFault, writingTo } from '../src/util/machine-fault.js';
import { command, hashTree, type Run, type Script } from './helpers/cli.js';

const project = process.cwd();

function run(script: Script, args: string[], workers = '1'): Promise<Run> {
  const [exe, before] = command(script);
  return new Promise((done) =>
    execFile(
      exe,
      [...before, ...args],
      { cwd: project, env: { ...process.env, CG_WORKERS: workers }, timeout: 180_000 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    ),
  );
}

describe('recognising a fault of the machine', () => {
  it('reads Node fs errors, names the path, and says read or write', () => {
    let err: unknown;
    try {
      readdirSync(join(tmpdir(), 'cg-no-such-folder'));
    } catch (e) {
      err = e;
    }
    const f = machineFault(err)!;
    expect(f).toBeInstanceOf(MachineFault);
    expect(f.code).toBe('ENOENT');
    expect(f.line('/')).toBe(
      `cannot read ${join(tmpdir(), 'cg-no-such-folder').slice(1)}: it was removed while the command ran`,
    );
    const denied = Object.assign(
      new Error("EACCES: permission denied, open '/srv/.out-staging-7/michigan/report.md'"),
      { code: 'EACCES', syscall: 'open', path: '/srv/.out-staging-7/michigan/report.md' },
    );
    expect(machineFault(denied)!.line('/srv')).toBe('cannot write out/michigan/report.md: permission denied');
  });

  it('reads the message a worker thread passes on, and a write that names no path takes the path it was writing', () => {
    expect(machineFault(new Error("ENOSPC: no space left on device, write '/srv/out/texas/x.pdf'"))!.line('/srv')).toBe(
      'cannot write out/texas/x.pdf: no space left on device',
    );
    expect(machineFault(new Error('cannot write /srv/out/a.pdf: read-only file system'))!.code).toBe('EROFS');
    const noPath = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
    });
    expect(() =>
      writingTo('/srv/.out-staging-42/texas/b.pdf', () => {
        throw noPath;
      }),
    ).toThrow(MachineFault);
    expect(machineFault(noPath, '/srv/.out-staging-42/texas/b.pdf')!.line('/srv')).toBe(
      'cannot write out/texas/b.pdf: no space left on device',
    );
  });

  it('leaves a bug a bug (exit 3): an error of our code, or one with no path to name', () => {
    expect(machineFault(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeNull();
    expect(machineFault(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }))).toBeNull();
    expect(machineFault(Object.assign(new Error('bad'), { code: 'ERR_INVALID_ARG_TYPE', path: '/x' }))).toBeNull();
    expect(() =>
      writingTo('/x', () => {
        throw new RangeError('a bug');
      }),
    ).toThrow(RangeError);
  });
});

describe('a full disk and a read-only folder, for real', () => {
  const mnt = mkdtempSync(join(tmpdir(), 'cg-fault-'));
  let why = '';
  const mount = (...opts: string[]) =>
    execFileSync('mount', ['-t', 'tmpfs', '-o', opts.join(','), 'tmpfs', mnt], { stdio: 'pipe' });
  beforeAll(() => {
    try {
      mount('size=2m');
      execFileSync('umount', [mnt]);
    } catch (e) {
      why = `mounting a small tmpfs is not permitted here (${String((e as { stderr?: Buffer }).stderr ?? e).trim()})`;
    }
  });
  afterAll(() => {
    try {
      execFileSync('umount', [mnt], { stdio: 'pipe' });
    } catch {}
    rmSync(mnt, { recursive: true, force: true });
  });
  const unmountAfter = async (body: () => Promise<void>) => {
    try {
      await body();
    } finally {
      execFileSync('umount', [mnt]);
    }
  };

  it('build:booklets on a full disk: one line naming the file and "no space left on device", exit 4, out/ unchanged, nothing left', async (ctx) => {
    if (why) return ctx.skip(why);
    mount('size=2m');
    await unmountAfter(async () => {
      mkdirSync(join(mnt, 'out'));
      writeFileSync(join(mnt, 'out', 'manifest.json'), '{"files":[]}\n');
      const before = hashTree(mnt);
      const r = await run('build', ['--edition', 'texas', '--out', join(mnt, 'out'), '--quiet']);
      expect(r.code).toBe(4);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(
        new RegExp(
          `^cannot write ${mnt}/out/texas/[a-z0-9/-]+\\.(pdf|docx|md|html|css|js|ttf|woff2): no space left on device; nothing was written, ${mnt}/out/ is unchanged$`,
        ),
      );
      expect(hashTree(mnt)).toEqual(before);
      expect(readdirSync(mnt)).toEqual(['out']);
    });
  });

  it('build:booklets into a read-only folder: exit 4 and the folder named', async (ctx) => {
    if (why) return ctx.skip(why);
    mount('size=2m');
    await unmountAfter(async () => {
      mkdirSync(join(mnt, 'out'));
      writeFileSync(join(mnt, 'out', 'manifest.json'), '{"files":[]}\n');
      execFileSync('mount', ['-o', 'remount,ro', mnt]);
      const before = hashTree(mnt);
      const r = await run('build', ['--edition', 'texas', '--out', join(mnt, 'out'), '--quiet']);
      expect(r.code).toBe(4);
      expect(r.stderr.trim()).toBe(
        `cannot write ${mnt}: read-only file system; nothing was written, ${mnt}/out/ is unchanged`,
      );
      expect(hashTree(mnt)).toEqual(before);
    });
  });

  it('a mail merge on a full disk, with the applicants in worker threads: exit 4, the packet named, nothing left', async (ctx) => {
    if (why) return ctx.skip(why);
    const roster = join(tmpdir(), `cg-fault-roster-${process.pid}.csv`);
    writeFileSync(
      roster,
      'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level\n' +
        'Ann,Smith,1 Main St,,Lansing,MI,48933,ann@example.org,michigan,2\nBo,Kim,3 Pine Rd,,Lansing,MI,48933,bo@example.org,texas,4\nCy,Lee,5 Elm St,,Lansing,MI,48933,cy@example.org,texas,3\n',
    );
    mount('size=1m');
    await unmountAfter(async () => {
      const r = await run('packets', ['--roster', roster, '--out', join(mnt, 'packets'), '--quiet'], '2');
      expect(r.code).toBe(4);
      expect(r.stderr.trim()).toMatch(
        new RegExp(
          `^cannot write ${mnt}/packets/(line-000\\d-[a-z-]+\\.(pdf|docx)|all-packets-\\d{3}\\.pdf|summary\\.json): no space left on device; ${mnt}/packets/ is unchanged$`,
        ),
      );
      expect(readdirSync(mnt)).toEqual([]);
    });
    rmSync(roster);
  }, 180_000); // renders the shared packets first: about 20 s on a quiet 2-core machine, over a minute on a busy one
});
