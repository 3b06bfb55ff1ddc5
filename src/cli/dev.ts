// `npm run dev -- --edition ID`: rebuild one edition whenever source/ or templates/ change.
//
// A warm process: the parsed sources (read/markdown.ts keeps parses by content), the render
// threads with their parsed fonts, and the document cache stay between saves, so a save re-reads
// the changed file and renders only the documents it changed, the booklet PDF first.
import { mkdirSync } from 'node:fs';
import { writeAtomic } from '../util/write-atomic.js';
import { watch } from 'chokidar';
import { Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../model/diagnostics.js';
import { EXIT, exitOnInterrupt, parseArgs } from './common.js';
import { machineFault } from '../util/machine-fault.js';
import { editionIds, unknownEdition } from '../editions/names.js';

const program = new Command()
  .name('dev')
  .description(
    'Watch source/ and templates/ and rebuild one edition on every save; problems are printed, the watch goes on.',
  )
  .requiredOption('-e, --edition <id>', 'the edition to rebuild')
  .option('-o, --out <dir>', 'output folder', 'out')
  .addHelpText(
    'after',
    '\nExit codes: 2 bad usage (an unknown edition, a bad option); otherwise it runs until Ctrl+C.',
  );
const stop = parseArgs(program);
if (stop !== null) process.exit(stop);
const opts = program.opts<{ edition: string; out: string }>();
// Before anything is printed or loaded: a mistyped edition is a usage error, with the nearest name.
const known = editionIds(process.cwd());
if (!known.includes(opts.edition)) {
  console.error(`error: ${unknownEdition(opts.edition, known)}`);
  process.exit(EXIT.usage);
}
// Loaded once the command line is good: --version and usage errors answer at once.
const [{ build, UsageError }, { createRenderPool }, { createRenderContext }] = await Promise.all([
  import('../pipeline/build.js'),
  import('../pipeline/render-pool.js'),
  import('../pipeline/context.js'),
]);
const project = process.cwd();

const outDir = resolve(project, opts.out);
const pool = createRenderPool();
// One render context for the life of the watch: its parts laid out and fitted sizes stay between saves.
const context = createRenderContext({ project, keep: true });
let running = false;
let again = false;
/** The booklet PDF put in out/ early by the rebuild that is running, if any. */
let earlyPut = false;
exitOnInterrupt(() =>
  running && earlyPut
    ? `interrupted; ${opts.out}/${opts.edition}/competency-guidelines.pdf was updated, the rest of ${opts.out}/ is unchanged`
    : `interrupted; ${opts.out}/ is unchanged`,
);

async function rebuild(reason: string): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  earlyPut = false;
  const started = new Date().toISOString().slice(11, 19);
  const t0 = performance.now();
  const booklet = `${opts.edition}/competency-guidelines.pdf`;
  try {
    const r = await build({
      project,
      outDir,
      editions: [opts.edition],
      pool,
      context,
      bookletPdfFirst: true,
      waiting: (l) => console.error(`[${started}] ${l}`),
      // The booklet PDF goes into out/ as soon as it is rendered (the same bytes the build then puts in place with
      // the rest), so the one who saved sees it first.
      early: (path, out) => {
        if (path !== booklet) return;
        const target = join(outDir, path);
        mkdirSync(dirname(target), { recursive: true });
        writeAtomic(target, out.bytes);
        earlyPut = true;
        console.log(
          `[${started}] ${reason}: ${opts.out}/${path} updated (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
      },
    });
    const files = r.editions.flatMap((e) => e.files);
    console.log(
      `[${started}] ${reason}: rebuilt ${opts.edition} (${files.length} files, ${(r.ms / 1000).toFixed(1)} s)`,
    );
  } catch (e) {
    if (e instanceof InputError) for (const m of e.messages) console.error(`[${started}] ${m}`);
    else if (e instanceof UsageError) {
      console.error(`error: ${e.message}`);
      process.exit(EXIT.usage);
    } else {
      const fault = machineFault(e);
      console.error(`[${started}] ${fault ? fault.line() : `internal error: ${(e as Error).message}`}`);
    }
    console.error(`[${started}] ${opts.out}/ is unchanged; fix the file and save again`);
  } finally {
    running = false;
    if (again) {
      again = false;
      void rebuild('more changes');
    }
  }
}

const watcher = watch([join(project, 'source'), join(project, 'templates')], {
  ignoreInitial: true,
  awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 },
});
watcher.on('all', (_event, path) => void rebuild(path.slice(project.length + 1)));
console.error(`watching source/ and templates/ for ${opts.edition}; Ctrl+C to stop`);
void rebuild('start');
