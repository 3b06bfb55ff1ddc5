// Runs one of the project's commands as its own process, the way staff run it, and measures it: wall time (process
// start included), peak memory (the command's own stats line, or sampled), and the machine's load while it ran.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** The publisher's folder: the code the bench measures (a copy of source/ may be elsewhere). */
export const PROJECT = join(import.meta.dirname, '..');

export interface Measured {
  ms: number;
  /** Peak resident memory of the whole process (all its threads), MB. */
  peakMb: number;
  /** Resident memory sampled every second while it ran, MB. */
  rss: number[];
  code: number;
  stdout: string;
  stderr: string;
  /** The 1-minute load average at the start and the end. */
  load: [number, number];
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** CPUs to pin the command to (`taskset -c`), e.g. "0" or "0,1"; default: all. */
  cpus?: string;
}

const rssMb = (pid: number): number | null => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
};

/** How package.json's scripts run a command: `node [options] src/cli/run.mjs <command>` (e.g. build.ts → build). */
function scriptOf(script: string): { options: string[]; command: string } {
  const command = script.replace(/\.ts$/, '');
  const scripts = (
    JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  for (const line of Object.values(scripts)) {
    const m = /^node((?: --[\w-]+(?:=\S+)?)*) src\/cli\/run\.mjs (\S+)/.exec(line);
    if (m && m[2] === command) return { options: m[1].trim().split(' ').filter(Boolean), command };
  }
  return { options: [], command };
}

/** `src/cli/<script>` with `args`, as `npm run …` runs it: through the launcher, with the script's Node options. */
export function runCli(script: string, args: string[], opts: RunOptions = {}): Promise<Measured> {
  const { options, command } = scriptOf(script);
  const node = [process.execPath, ...options, join(PROJECT, 'src', 'cli', 'run.mjs'), command, ...args];
  const [exe, ...argv] = opts.cpus ? ['taskset', '-c', opts.cpus, ...node] : node;
  return measure(exe, argv, opts);
}

export function measure(exe: string, args: string[], opts: RunOptions = {}): Promise<Measured> {
  const load0 = loadavg()[0];
  const t = performance.now();
  const child = spawn(exe, args, {
    cwd: opts.cwd ?? PROJECT,
    env: { ...process.env, CG_STATS: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const rss: number[] = [];
  // taskset execs node in the same process, so the pid is node's.
  const sampler = setInterval(() => {
    const mb = child.pid ? rssMb(child.pid) : null;
    if (mb !== null) rss.push(Math.round(mb));
  }, 1000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const ms = performance.now() - t;
      const line = stderr.split('\n').find((l) => l.startsWith('stats:')) ?? '';
      const maxRss = Number(/max_rss_kb=(\d+)/.exec(line)?.[1] ?? NaN);
      const peakMb = Number.isFinite(maxRss) ? maxRss / 1024 : Math.max(0, ...rss);
      resolve({ ms, peakMb, rss, code: code ?? -1, stdout, stderr, load: [load0, loadavg()[0]] });
    });
  });
}

/** Fails loudly: a figure of a run that did not succeed is no figure. */
export function expectSuccess(what: string, r: Measured, allowed: number[] = [0]): Measured {
  if (!allowed.includes(r.code))
    throw new Error(`${what} failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  return r;
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
