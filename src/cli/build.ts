// `npm run build:booklets` / `npm run check`: the command line around build().
import { Command, CommanderError } from 'commander';
import { resolve } from 'node:path';
import { build, selectEditions, UsageError } from '../build/build.js';
import { InputError } from '../read/diagnostics.js';
import { loadSource } from '../read/source.js';
import { summaryLine } from '../reports/edition-report.js';

const program = new Command()
  .name('build:booklets')
  .description('Build the Competency Guidelines booklets (PDF and Word) of every edition in source/ into out/.')
  .option('-e, --edition <id...>', 'build only these editions (default: all in source/editions/)')
  .option('-o, --out <dir>', 'output folder', 'out')
  .option('--check', 'only check source/ and report problems; write nothing')
  .option('--force', 'rebuild everything, ignoring any cache')
  .option('--debug', 'show stack traces of internal errors')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

async function main(): Promise<number> {
  try {
    program.parse();
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const opts = program.opts<{ edition?: string[]; out: string; check?: boolean; force?: boolean; debug?: boolean }>();
  const project = process.cwd();
  try {
    if (opts.check) {
      const tree = loadSource(project);
      const editions = selectEditions(tree, opts.edition);
      for (const e of editions) console.log(summaryLine(e));
      console.log(`source/ is valid: ${tree.files.length} files, ${editions.length} editions`);
      return 0;
    }
    const result = await build({ project, outDir: resolve(project, opts.out), editions: opts.edition, log: (l) => console.log(l) });
    for (const r of result.editions) console.log(summaryLine(r.edition));
    const pages = result.manifest.reduce((n, f) => n + (f.pages ?? 0), 0);
    console.log(`${result.manifest.length} files, ${pages} PDF pages in ${opts.out}/ (${(result.ms / 1000).toFixed(1)} s); see ${opts.out}/manifest.json`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      for (const m of e.messages) console.error(m);
      console.error(`${e.messages.length} problem${e.messages.length === 1 ? '' : 's'} in source/; nothing was written, ${opts.out}/ is unchanged`);
      return 1;
    }
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    console.error(`internal error: ${(e as Error).message}${opts.debug ? `\n${(e as Error).stack}` : ' (run with --debug for details)'}`);
    return 3;
  }
}

main().then((code) => {
  process.exitCode = code;
});
