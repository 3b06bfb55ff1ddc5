// `--editions N`: N editions made in a temporary copy (make-editions.ts), built forced, then rebuilt after a base edit
// (every edition shows it) and after one edition's own edit (only that edition).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { outputs } from './build.js';
import { makeEditions } from './make-editions.js';
import { atMost, basics, figure, mb, seconds } from './report.js';
import { expectSuccess, runCli } from './run.js';

/** Every file under `dir` with a hash of its bytes (a build swaps in a whole new folder: times say nothing). */
function stamps(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (statSync(join(dir, f)).isFile())
      files.set(
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      );
  }
  return files;
}

/** The files a rebuild changed: new, or with other bytes. */
const changed = (before: Map<string, string>, after: Map<string, string>): number =>
  [...after].filter(([f, h]) => before.get(f) !== h).length;

export async function manyEditionFigures(work: string, total: number): Promise<void> {
  const copy = makeEditions(join(work, `editions-${total}`), total);
  const out = join(copy.dir, 'out');
  const env = { CG_CACHE_DIR: join(work, `editions-${total}-cache`) };
  const build = async (what: string, args: string[]) =>
    expectSuccess(what, await runCli('build.ts', ['--out', out, '--quiet', ...args], { cwd: copy.dir, env }));
  const mix = `${copy.ids.length} editions: ${copy.mix.impactMap} with an own Level 3 Impact Map, ${copy.mix.level2} with an own Level 2, ${copy.mix.a4} on A4`;

  const forced = await build(`the forced build of ${total} editions`, ['--force']);
  figure(
    `${total} editions forced (${mix})`,
    basics(forced, outputs(out).files),
    [atMost(forced.ms, 60_000, seconds), atMost(forced.peakMb, 1024, mb)],
    forced.load,
  );

  let before = stamps(out);
  copy.editBase();
  const base = await build('the rebuild after a base edit', []);
  let after = stamps(out);
  figure(
    `a base edit (one Level 1 competency reworded) → all ${total} rebuilt`,
    `${basics(base, changed(before, after))} changed`,
    [atMost(base.ms, 10_000, seconds), atMost(base.peakMb, 1024, mb)],
    base.load,
  );

  before = after;
  const id = copy.editOne();
  const one = await build("the rebuild after one edition's own edit", []);
  after = stamps(out);
  figure(
    `one edition's own edit (${id}: its association name)`,
    `${basics(one, changed(before, after))} changed`,
    [atMost(one.ms, 2_000, seconds), atMost(one.peakMb, 1024, mb)],
    one.load,
  );
}
