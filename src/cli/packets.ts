// `npm run build:packets -- --roster applicants.csv --out DIR`: personalized packets for a roster.
import { Command } from 'commander';
import { exitOnInterrupt, EXIT, exitWith, internalError, parseArgs } from './common.js';
import { Progress, rateLine } from './progress.js';
import { resolve } from 'node:path';
import type { MergeProgress } from '../mailmerge/merge.js';
import { InputError } from '../model/diagnostics.js';

const program = new Command()
  .name('build:packets')
  .description(
    'Make a personalized application packet (PDF and Word) for every valid row of a roster, and combined PDFs for duplex printing (all-packets-001.pdf, … of at most 500 packets each).',
  )
  .requiredOption(
    '-r, --roster <file>',
    `the roster: a CSV file (UTF-8, UTF-16 or Windows-1252; comma- or tab-separated) or an Excel workbook (.xlsx), with the columns first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level`,
  )
  .option('--sheet <name>', 'the sheet of an .xlsx roster to read (default: the first)')
  .option('-o, --out <dir>', 'folder for the packets', 'out/packets')
  .option('-q, --quiet', 'print no progress (results and refused rows are still printed)')
  .option('--debug', 'show stack traces of internal errors')
  .addHelpText(
    'after',
    '\nExit codes: 0 every row made, 1 a row refused or a bad roster/source (the valid rows are still made), 2 bad usage, 3 internal error, 4 a fault of the machine (no space, no permission), 130 interrupted.',
  );

async function main(): Promise<number> {
  const stop = parseArgs(program);
  if (stop !== null) return stop;
  const opts = program.opts<{ roster: string; sheet?: string; out: string; quiet?: boolean; debug?: boolean }>();
  // Loaded once the command line is good: --version and usage errors answer at once.
  const [{ mergePackets }, { RosterError }, { ForeignFilesError }] = await Promise.all([
    import('../mailmerge/merge.js'),
    import('../mailmerge/roster.js'),
    import('../mailmerge/run-folder.js'),
  ]);
  const project = process.cwd();
  const progress = new Progress({ quiet: opts.quiet });
  let packetsFrom = 0;
  const showProgress = (step: MergeProgress) => {
    if (step.phase === 'shared') {
      progress.status(
        `shared packets (rendered once per edition and level): ${step.done}/${step.total}`,
        step.done === step.total,
      );
      packetsFrom = performance.now();
    } else if (step.phase === 'packets') {
      progress.status(
        rateLine('packets', step.done, step.total, performance.now() - packetsFrom),
        step.done === step.total,
      );
    } else if (step.done)
      progress.line(`${step.file.path} saved (${step.file.packets} packets, ${step.file.pages} pages)`);
  };
  const outDir = resolve(project, opts.out);
  exitOnInterrupt(() => `interrupted; ${opts.out}/ is unchanged (it holds the previous complete run, if any)`);
  try {
    const r = await mergePackets({
      project,
      roster: resolve(project, opts.roster),
      sheet: opts.sheet,
      outDir,
      shownOut: opts.out.replace(/\/+$/, ''),
      progress: showProgress,
      waiting: (l) => console.error(l),
    });
    for (const n of r.notices) console.error(n);
    for (const bad of r.rejected) console.error(bad.message);
    console.log(
      `${r.made.length} packet${r.made.length === 1 ? '' : 's'} made (PDF and Word) in ${opts.out}/, ${r.rejected.length} row${r.rejected.length === 1 ? '' : 's'} rejected (${(r.ms / 1000).toFixed(1)} s)`,
    );
    const print = r.printFiles;
    if (print.length) {
      const pages = print.reduce((n, f) => n + f.pages, 0);
      const files =
        print.length === 1
          ? `${opts.out}/${print[0].path}`
          : `${opts.out}/${print[0].path} … ${print.at(-1)!.path} (${print.length} files of at most ${Math.max(...print.map((f) => f.packets))} packets)`;
      console.log(`combined for duplex printing: ${files}, ${pages} pages; summary: ${opts.out}/summary.json`);
    }
    if (process.env.CG_STATS)
      console.error(
        `stats: wall_ms=${Math.round(r.ms)} packets=${r.made.length} max_rss_kb=${process.resourceUsage().maxRSS}`,
      );
    return r.rejected.length ? EXIT.input : EXIT.ok;
  } catch (e) {
    if (e instanceof ForeignFilesError) {
      console.error(`error: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof RosterError) {
      console.error(e.message);
      return EXIT.input;
    }
    if (e instanceof InputError) {
      for (const m of e.messages) console.error(m);
      return EXIT.input;
    }
    return internalError(e, opts.debug, `${opts.out}/ is unchanged`);
  }
}

exitWith(main, { now: true });
