// `npm run collect:packets -- FOLDER_OR_FILES… --out applications.xlsx`: returned packets into one spreadsheet.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { EXIT, exitOnInterrupt, exitWith, internalError, parseArgs } from './common.js';
import { InputError } from '../model/diagnostics.js';

const program = new Command()
  .name('collect:packets')
  .description(
    'Read returned application packets (filled PDF and Word packets) into one spreadsheet (.xlsx) and a CSV beside it, one row per file, with what each is missing.',
  )
  .argument('<files...>', 'returned packets: files, or folders whose files are all read')
  .requiredOption('-o, --out <file.xlsx>', 'the workbook to write; the CSV is written beside it with the same name')
  .option('--debug', 'show stack traces of internal errors')
  .addHelpText(
    'after',
    '\nExit codes: 0 every file read, 1 some files need attention (listed: needs entry by hand, or refused), 2 bad usage, 3 internal error, 130 interrupted.',
  );

async function main(): Promise<number> {
  const stop = parseArgs(program);
  if (stop !== null) return stop;
  const opts = program.opts<{ out: string; debug?: boolean }>();
  const paths = program.args;
  if (!/\.xlsx$/i.test(opts.out)) {
    console.error(`error: --out ${opts.out}: expected a file name ending in .xlsx`);
    return EXIT.usage;
  }
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) {
    for (const p of missing) console.error(`error: ${p}: no such file or folder`);
    return EXIT.usage;
  }
  // Both files are written under temporary names and renamed at the end: an interrupted run leaves the previous ones.
  exitOnInterrupt(() => `interrupted; ${opts.out} is unchanged`);
  try {
    const [{ collectReturns, listReturns }, { writeSheets }, { loadSource }] = await Promise.all([
      import('../collect/collect.js'),
      import('../collect/sheet.js'),
      import('../editions/source.js'),
    ]);
    const tree = loadSource(process.cwd());
    const files = listReturns(paths.map((p) => resolve(p)));
    const collected = await collectReturns(files, tree);
    const xlsx = resolve(opts.out);
    const csv = xlsx.replace(/\.xlsx$/i, '.csv');
    await writeSheets(collected, xlsx, csv);
    const byHand = collected.rows.filter((r) => r.attention === 'byHand');
    const refused = collected.rows.filter((r) => r.attention === 'refused');
    const read = collected.rows.filter((r) => !r.attention);
    for (const r of read)
      if (r.status !== 'complete')
        console.log(
          `${r.rosterLine ? `line ${r.rosterLine} ` : ''}${r.applicant || r.file}, Level ${r.level}: ${r.status} (${r.file})`,
        );
    if (byHand.length)
      console.log(
        `needs entry by hand:\n${byHand.map((r) => `  ${r.file}: ${r.status.replace(/^needs entry by hand: /, '')}`).join('\n')}`,
      );
    if (refused.length)
      console.log(`refused:\n${refused.map((r) => `  ${r.file}: ${r.status.replace(/^refused: /, '')}`).join('\n')}`);
    const complete = read.filter((r) => r.status === 'complete').length;
    console.log(
      `${read.length} packet${read.length === 1 ? '' : 's'} read (${complete} complete), ${byHand.length} to enter by hand, ${refused.length} refused: ${opts.out} and ${opts.out.replace(/\.xlsx$/i, '.csv')}`,
    );
    return byHand.length || refused.length ? EXIT.input : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) {
      for (const m of e.messages) console.error(m);
      return EXIT.input;
    }
    return internalError(e, opts.debug);
  }
}

exitWith(main);
