// `dev` on a copy of source/: seconds from saving an edit to one competency to the booklet PDF being updated.
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT } from './run.js';

export async function devEdit(work: string): Promise<number[]> {
  const copy = join(work, 'dev');
  cpSync(join(PROJECT, 'source'), join(copy, 'source'), { recursive: true });
  cpSync(join(PROJECT, 'templates'), join(copy, 'templates'), { recursive: true });
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(PROJECT, 'src', 'cli', 'dev.ts'), '--edition', 'michigan'],
    { cwd: copy, env: { ...process.env, CG_CACHE_DIR: join(work, 'dev-cache') } },
  );
  let out = '';
  let err = '';
  let exited = false;
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.on('exit', () => (exited = true));
  const waitFor = async (re: RegExp, from: number) => {
    while (!re.test(out.slice(from))) {
      if (exited) throw new Error(`dev stopped: ${err.trim().split('\n').slice(-3).join(' / ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    await waitFor(/start: rebuilt/, 0);
    const file = join(copy, 'source', 'base', 'level-2.md');
    const times: number[] = [];
    for (const word of ['patient', 'kind', 'warm']) {
      const from = out.length;
      const t = performance.now();
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(/- Remains open and curious[^\n]*/, `- Remains open and curious, ${word}`),
      );
      await waitFor(/competency-guidelines\.pdf updated/, from);
      times.push(performance.now() - t);
      await waitFor(/rebuilt michigan/, from);
    }
    return times;
  } finally {
    child.kill('SIGINT');
  }
}
