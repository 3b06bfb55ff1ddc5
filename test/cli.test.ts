// Command-line conventions every command shares: --version, exit code 2 for bad usage, progress on stderr.
import { command, tsxCommand, type Script } from './helpers/cli.js';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Progress, rateLine } from '../src/cli/progress.js';
import { nearest, unknownEdition } from '../src/editions/names.js';

const run = promisify(execFile);
const project = process.cwd();
const version = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).version as string;

/** Runs a command through tsx, as `npm run` does (or the compiled copy, for what reads source/). */
async function cli(
  script: Script,
  args: string[],
  how = tsxCommand,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const [exe, before] = how(script);
    const r = await run(exe, [...before, ...args], { cwd: project, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('every command', () => {
  for (const script of ['build', 'packets', 'dev'] as const) {
    it(`${script}.ts answers --version with package.json's version and exits 2 on a bad option`, async () => {
      const v = await cli(script, ['--version']);
      expect(v).toMatchObject({ code: 0, stdout: `${version}\n` });
      const bad = await cli(script, ['--frobnicate']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^error: (unknown option '--frobnicate'|required option)/);
    });
  }

  it('checks --edition before printing anything, and names the nearest edition', async () => {
    const editions = 'michigan, michigan-revised, new-mexico, texas';
    const build = await cli('build', ['--edition', 'texs']);
    expect(build).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: unknown edition "texs"; did you mean "texas"? (the editions are ${editions})\n`,
    });
    const dev = await cli('dev', ['--edition', 'michigan-revisd']);
    expect(dev).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: unknown edition "michigan-revisd"; did you mean "michigan-revised"? (the editions are ${editions})\n`,
    });
    const far = await cli('build', ['--edition', 'cascadai', '--check']);
    expect(far).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: unknown edition "cascadai"; expected one of: ${editions}\n`,
    });
    expect(nearest('cascadai', ['cascadia', 'michigan', 'texas'])).toBe('cascadia');
    expect(nearest('ohio', ['cascadia', 'michigan', 'texas'])).toBeNull();
    expect(unknownEdition('Texas', ['texas'])).toBe(
      'unknown edition "Texas"; did you mean "texas"? (the editions are texas)',
    );
  });

  it("check --ids lists the base's ids with their first words, one level with --level", async () => {
    const r = await cli('build', ['--check', '--ids', '--level', '2'], command);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Level 2:');
    expect(lines).toContain('  l2.systems-expertise  area: Systems Expertise');
    expect(lines).toContain(
      '  l2.systems-expertise.assists-families-to-anticipate-obtain  competency: Assists families to anticipate, obtain, and advocate for …',
    );
    expect(r.stdout).not.toMatch(/^Level [134]:|^Glossary:|  l1\./m);
    const all = await cli('build', ['--check', '--ids'], command);
    expect([...all.stdout.matchAll(/^(\S.*):$/gm)].map((m) => m[1])).toEqual([
      'Level 1',
      'Level 2',
      'Level 3',
      'Level 4',
      'Endorsement',
      'Committee',
      'Copyright',
      'Glossary',
    ]);
    expect(all.stdout).toContain('  glossary.candidate  glossary entry: Candidate');
    expect((await cli('build', ['--check', '--ids', '--level', '5'])).code).toBe(2);
  });

  it('dev exits 2 for a missing or unknown edition', async () => {
    expect((await cli('dev', [])).code).toBe(2);
    const unknown = await cli('dev', ['--edition', 'atlantis'], command);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown edition "atlantis"');
  });
});

describe('progress', () => {
  const capture = (tty: boolean) => {
    let now = 0;
    const out: string[] = [];
    const p = new Progress({ tty, everyMs: 1000, now: () => now, write: (s) => void out.push(s) });
    return { p, out, tick: (ms: number) => (now += ms) };
  };

  it('redraws one line on a terminal', () => {
    const { p, out } = capture(true);
    for (let i = 1; i <= 100; i++) p.status(`packets: ${i}/100`, i === 100);
    expect(out.join('').split('\n')).toHaveLength(2); // one line, then the newline that ends it
    expect(out.every((s) => s === '\n' || s.startsWith('\r\x1b[K'))).toBe(true);
  });

  it('prints plain lines now and then when stderr is not a terminal, and the last one always', () => {
    const { p, out, tick } = capture(false);
    for (let i = 1; i <= 1000; i++) {
      tick(10);
      p.status(`packets: ${i}/1000`, i === 1000);
    }
    expect(out.length).toBeLessThanOrEqual(12);
    expect(out[out.length - 1]).toBe('packets: 1000/1000\n');
    expect(out.join('')).not.toContain('\r');
  });

  it('prints nothing when quiet', () => {
    const out: string[] = [];
    const p = new Progress({ quiet: true, write: (s) => void out.push(s) });
    p.line('a');
    p.status('b', true);
    expect(out).toEqual([]);
  });

  it('says the rate and the time left', () => {
    expect(rateLine('packets', 250, 1000, 10_000)).toBe('packets: 250/1000, 25.0/s, 30 s left');
    expect(rateLine('packets', 1000, 1000, 40_000)).toBe('packets: 1000/1000, 25.0/s, done in 40 s');
  });
});
