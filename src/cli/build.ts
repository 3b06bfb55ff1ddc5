// `npm run build:booklets` / `npm run check`: the command line around build().
// Heavy modules (the readers and writers) are loaded only when there is work to do, so a
// rebuild with nothing changed answers in a fraction of a second.
import { Command, InvalidArgumentError } from 'commander';
import { EXIT, exitOnInterrupt, exitWith, internalError, parseArgs } from './common.js';
import { Progress, seconds } from './progress.js';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtKeys, editionKeys } from '../pipeline/cache.js';
import { readManifest, sweepLitter } from '../pipeline/output.js';
import { editionIds, unknownEdition } from '../editions/names.js';

const program = new Command()
  .name('build:booklets')
  .description(
    'Build the Competency Guidelines booklets and level packets (PDF and Word) and the edition reports of every edition in source/ into out/.',
  )
  .option('-e, --edition <id...>', 'build only these editions (default: all in source/editions/)')
  .option('-o, --out <dir>', 'output folder', 'out')
  .option('--check', 'only check source/ and templates/ and report problems; write nothing')
  .option('--ids', "list the base's ids (for override files and remove:) with their first words; write nothing")
  .option('--level <n>', 'with --ids: only this level (1 to 4)', (v) => {
    if (!/^[1-4]$/.test(v)) throw new InvalidArgumentError('expected a level from 1 to 4');
    return Number(v);
  })
  .option('--force', 'rebuild everything, ignoring what is already up to date')
  .option('-q, --quiet', 'print no progress (results and problems are still printed)')
  .option('--debug', 'show stack traces of internal errors')
  .addHelpText(
    'after',
    '\nExit codes: 0 done, 1 problems in source/ or templates/ (nothing written), 2 bad usage, 3 internal error, 4 a fault of the machine (no space, no permission), 130 interrupted.',
  );

type Options = {
  edition?: string[];
  out: string;
  check?: boolean;
  ids?: boolean;
  level?: number;
  force?: boolean;
  quiet?: boolean;
  debug?: boolean;
};

/** True when out/ already holds every requested edition built from the current inputs. */
function nothingToDo(project: string, outDir: string, opts: Options): boolean {
  if (opts.force || opts.check || !existsSync(join(outDir, 'manifest.json'))) return false;
  const keys = editionKeys(project);
  const built = builtKeys(outDir);
  const wanted = opts.edition?.length ? opts.edition : [...keys.keys()];
  if (!wanted.every((id) => keys.has(id) && built.get(id) === keys.get(id))) return false;
  // A full build also drops editions that were deleted from source/.
  return !!opts.edition?.length || readManifest(outDir).files.every((f) => keys.has(f.edition));
}

async function main(): Promise<number> {
  const stop = parseArgs(program);
  if (stop !== null) return stop;
  const opts = program.opts<Options>();
  const project = process.cwd();
  const outDir = resolve(project, opts.out);
  if (!existsSync(join(project, 'source')) || readdirSync(join(project, 'source')).length === 0) {
    console.error(`error: no source/ folder in ${project}; run this from the project folder`);
    return EXIT.usage;
  }
  // Before anything is printed or loaded: a mistyped edition is a usage error, with the nearest name.
  const known = editionIds(project);
  const unknown = (opts.edition ?? []).filter((id) => !known.includes(id));
  if (unknown.length) {
    for (const id of unknown) console.error(`error: ${unknownEdition(id, known)}`);
    return EXIT.usage;
  }
  if (!opts.check && !opts.ids) {
    // Also on the fast path below, which takes no lock: only what no live process owns is touched.
    const swept = sweepLitter(outDir);
    if (swept.restored)
      console.error(
        `a build of ${opts.out}/ was interrupted while replacing it; the previous ${opts.out}/ was put back`,
      );
    if (swept.removed.length) console.log(`removed what interrupted builds left: ${swept.removed.join(', ')}`);
  }
  if (!opts.ids && nothingToDo(project, outDir, opts)) {
    console.log(`${opts.out}/ is up to date (nothing changed since the last build; --force rebuilds anyway)`);
    return EXIT.ok;
  }
  const { build, selectEditions, UsageError } = await import('../pipeline/build.js');
  const { InputError } = await import('../model/diagnostics.js');
  const { loadSource } = await import('../editions/source.js');
  const { changeLine, lacksLine } = await import('../reports/edition-report.js');
  const progress = new Progress({ quiet: opts.quiet });
  // What an edition changes is a result (stdout); what it lacks is a warning (stderr).
  const summarize = (e: Parameters<typeof lacksLine>[0], packetMissing?: string[]) => {
    console.log(changeLine(e));
    const lacks = lacksLine(e, packetMissing);
    if (lacks) console.error(`warning: ${lacks}`);
  };
  try {
    if (opts.ids) {
      // The base's ids; with --edition, that edition's (the base with its own changes).
      const tree = loadSource(
        project,
        (await import('../pipeline/context.js')).createRenderContext({ project, keep: true }).store,
      );
      const { idGroups, idLines } = await import('../reports/ids.js');
      const guidelines = opts.edition?.length
        ? selectEditions(tree, opts.edition.slice(0, 1))[0].guidelines
        : tree.base;
      const groups = idGroups(guidelines).filter((g) => opts.level === undefined || g.level === opts.level);
      for (const line of idLines(groups)) console.log(line);
      return EXIT.ok;
    }
    if (opts.level !== undefined) {
      console.error('error: --level goes with --ids (npm run check -- --ids --level 2)');
      return EXIT.usage;
    }
    if (opts.check) {
      const tree = loadSource(
        project,
        (await import('../pipeline/context.js')).createRenderContext({ project, keep: true }).store,
      );
      (await import('../pipeline/source-printable.js')).checkPrintable(project, tree.files);
      const editions = selectEditions(tree, opts.edition);
      for (const e of editions) summarize(e);
      console.log(`source/ is valid: ${tree.files.length} files, ${editions.length} editions`);
      return EXIT.ok;
    }
    let replaced = false;
    exitOnInterrupt(() =>
      replaced
        ? `interrupted; the build had finished and ${opts.out}/ is complete`
        : `interrupted; ${opts.out}/ is unchanged`,
    );
    progress.line(`building ${opts.edition?.length ? opts.edition.join(', ') : 'every edition'} into ${opts.out}/ …`);
    const result = await build({
      project,
      outDir,
      editions: opts.edition,
      force: opts.force,
      log: (l) => progress.line(l),
      waiting: (l) => console.error(l),
      rendered: (d) =>
        progress.line(
          `[${d.done}/${d.total}] ${d.path}${d.pages ? ` (${d.pages} pages)` : ''} ${d.cached ? 'unchanged, from the cache' : seconds(d.ms / 1000)}`,
        ),
    });
    replaced = true;
    for (const r of result.editions) summarize(r.edition, r.packetMissing);
    for (const id of result.upToDate) console.log(`${id}: up to date`);
    const pages = result.manifest.reduce((n, f) => n + (f.pages ?? 0), 0);
    console.log(
      `${result.manifest.length} files, ${pages} PDF pages in ${opts.out}/ (${(result.ms / 1000).toFixed(1)} s); see ${opts.out}/manifest.json`,
    );
    if (process.env.CG_STATS)
      console.error(
        `stats: wall_ms=${Math.round(result.ms)} pages=${pages} max_rss_kb=${process.resourceUsage().maxRSS}`,
      );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) {
      for (const m of e.messages) console.error(m);
      console.error(
        `${e.messages.length} problem${e.messages.length === 1 ? '' : 's'} in source/ or templates/; nothing was written, ${opts.out}/ is unchanged`,
      );
      return EXIT.input;
    }
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}`);
      return EXIT.usage;
    }
    return internalError(e, opts.debug, `nothing was written, ${opts.out}/ is unchanged`);
  }
}

exitWith(main, { now: true });
