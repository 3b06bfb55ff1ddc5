// `npm run dev -- --edition ID`: rebuild one edition whenever source/ or templates/ change.
import { watch } from 'chokidar';
import { Command } from 'commander';
import { join, resolve } from 'node:path';
import { build, UsageError } from '../pipeline/build.js';
import { InputError } from '../model/diagnostics.js';
import { EXIT, parseArgs } from './common.js';

const program = new Command()
  .name('dev')
  .description('Watch source/ and templates/ and rebuild one edition on every save; problems are printed, the watch goes on.')
  .requiredOption('-e, --edition <id>', 'the edition to rebuild')
  .option('-o, --out <dir>', 'output folder', 'out')
  .addHelpText('after', '\nExit codes: 2 bad usage (an unknown edition, a bad option); otherwise it runs until Ctrl+C.');
const stop = parseArgs(program);
if (stop !== null) process.exit(stop);
const opts = program.opts<{ edition: string; out: string }>();
const project = process.cwd();

let running = false;
let again = false;

async function rebuild(reason: string): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  const started = new Date().toISOString().slice(11, 19);
  try {
    const r = await build({ project, outDir: resolve(project, opts.out), editions: [opts.edition], waiting: (l) => console.error(`[${started}] ${l}`) });
    const files = r.editions.flatMap((e) => e.files);
    console.log(`[${started}] ${reason}: rebuilt ${opts.edition} (${files.length} files, ${(r.ms / 1000).toFixed(1)} s)`);
  } catch (e) {
    if (e instanceof InputError) for (const m of e.messages) console.error(`[${started}] ${m}`);
    else if (e instanceof UsageError) {
      console.error(`error: ${e.message}`);
      process.exit(EXIT.usage);
    } else console.error(`[${started}] internal error: ${(e as Error).message}`);
    console.error(`[${started}] ${opts.out}/ is unchanged; fix the file and save again`);
  } finally {
    running = false;
    if (again) {
      again = false;
      void rebuild('more changes');
    }
  }
}

const watcher = watch([join(project, 'source'), join(project, 'templates')], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 150 } });
watcher.on('all', (_event, path) => void rebuild(path.slice(project.length + 1)));
console.error(`watching source/ and templates/ for ${opts.edition}; Ctrl+C to stop`);
void rebuild('start');
