// `npm run bench`: speed and memory against the targets of issue #29, in one run. It is not a test and CI does not
// run it. Every command runs as its own process on temporary copies; every figure line ends with the machine's load.
//
//   npm run bench                      4 editions (forced, from parts, no-op, dev, 1 core against 2, the peers), mail
//                                      merge of 1,000 and 2,000 applicants (and 1,000 on 1 core against 2)
//   npm run bench -- --editions 40     also: 40 editions made, built forced, a base edit, one edition's own edit
//   npm run bench -- --large           also: the mail merge of 20,000 applicants (about 14 GB of packets, removed)
//   npm run bench -- --only editions   only the named parts: build, merge, editions, large (with --editions/--large)
import { Command, Option } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFigures } from './build.js';
import { manyEditionFigures } from './many-editions.js';
import { mergeFigures } from './merge.js';
import { header } from './report.js';

const PARTS = ['build', 'merge', 'editions', 'large'] as const;

const program = new Command()
  .name('bench')
  .description('Figures of the build and the mail merge against their targets (issue #29).')
  .option(
    '--editions <n>',
    'also build N editions (the 4 of source/ and N-4 generated), then a base edit and one edition’s own edit',
    (v) => {
      if (!/^\d+$/.test(v) || Number(v) < 4) throw new Error('--editions: a number, at least 4');
      return Number(v);
    },
  )
  .option('--large', 'also the mail merge of 20,000 applicants')
  .addOption(new Option('--only <part...>', 'run only these parts').choices(PARTS))
  .option('--no-cores', 'skip the runs on 1 core against 2')
  .option('--keep', 'keep the temporary folder (its path is printed)');

async function main(): Promise<void> {
  program.parse();
  const opts = program.opts<{
    editions?: number;
    large?: boolean;
    only?: (typeof PARTS)[number][];
    cores: boolean;
    keep?: boolean;
  }>();
  const wanted = (part: (typeof PARTS)[number]) =>
    opts.only
      ? opts.only.includes(part)
      : part === 'build' ||
        part === 'merge' ||
        (part === 'editions' && !!opts.editions) ||
        (part === 'large' && !!opts.large);
  const work = mkdtempSync(join(tmpdir(), 'cg-bench-'));
  header();
  try {
    if (wanted('build')) await buildFigures(work, { cores: opts.cores, dev: true, peer: true });
    if (wanted('editions')) await manyEditionFigures(work, opts.editions ?? 40);
    if (wanted('merge') || wanted('large'))
      await mergeFigures(work, { small: wanted('merge'), large: wanted('large'), cores: opts.cores });
  } finally {
    if (opts.keep) console.log(`kept: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`bench: ${e.message}`);
  process.exitCode = 1;
});
