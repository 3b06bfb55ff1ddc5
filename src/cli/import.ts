// `npm run import:edition -- FILE.docx --edition NAME`: an association's Word booklet to an edition overlay.
import { Command } from 'commander';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { EXIT, exitOnInterrupt, exitWith, internalError, parseArgs } from './common.js';

const program = new Command()
  .name('import:edition')
  .description(
    "Read an association's Word booklet (.docx), compare it with the base edition and write source/editions/NAME/ with only the differences, and a report of every change.",
  )
  .argument('<file>', 'the Word file (.docx)')
  .requiredOption(
    '-e, --edition <name>',
    'the edition to write (a new one, or an existing one to update with the edits)',
  )
  .option('-b, --base <id>', 'the edition to compare a new edition with', 'michigan')
  .option('--dry-run', 'write only the report')
  .option('--partial', 'write what was placed even when some passages could not be placed')
  .option('--report <file>', 'where to write the report (default out/import/NAME.md)')
  .option('--debug', 'show stack traces of internal errors')
  .addHelpText(
    'after',
    '\nExit codes: 0 done, 1 a bad file or passages not placed (nothing written), 2 bad usage, 3 internal error.',
  );

type Options = { edition: string; base: string; dryRun?: boolean; partial?: boolean; report?: string; debug?: boolean };

async function main(): Promise<number> {
  const stop = parseArgs(program);
  if (stop !== null) return stop;
  const opts = program.opts<Options>();
  const project = process.cwd();
  const [file] = program.args;
  if (!existsSync(resolve(project, 'source'))) {
    console.error(`error: no source/ folder in ${project}; run this from the project folder`);
    return EXIT.usage;
  }
  const { importEdition, ImportUsageError } = await import('../import/run.js');
  const { DocxError } = await import('../import/package.js');
  const { InputError } = await import('../model/diagnostics.js');
  const { countsLine } = await import('../import/report.js');
  // The import runs in one synchronous step (seconds): a signal is handled when it is over, never half-way.
  let finished = false;
  exitOnInterrupt(() =>
    finished
      ? 'interrupted after the import had finished: its files were written as listed above'
      : 'interrupted; source/ is unchanged',
  );
  try {
    const r = importEdition({
      project,
      file: resolve(project, file),
      edition: opts.edition,
      base: opts.base,
      dryRun: opts.dryRun,
      partial: opts.partial,
      report: opts.report && resolve(project, opts.report),
    });
    console.log(`${opts.edition}: ${countsLine(r.changes)}; covered ${r.covered.join('; ') || 'nothing'}`);
    if (r.unplaced.length)
      console.error(
        `${r.unplaced.length} passage${r.unplaced.length === 1 ? '' : 's'} could not be placed${r.written.length ? ' (written anyway: --partial)' : '; nothing was written to source/ (--partial writes what was placed)'}`,
      );
    for (const f of r.written) console.log(`wrote ${f}`);
    console.log(`report: ${r.reportPath}`);
    finished = true;
    return r.code;
  } catch (e) {
    if (e instanceof ImportUsageError) {
      console.error(`error: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof DocxError) {
      console.error(e.message);
      return EXIT.input;
    }
    if (e instanceof InputError) {
      for (const m of e.messages) console.error(m);
      console.error('source/ has problems; fix them first (npm run check)');
      return EXIT.input;
    }
    return internalError(e, opts.debug);
  }
}

exitWith(main);
