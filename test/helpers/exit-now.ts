// A command that prints 1 MB and exits at once (cli/common.ts's exitWith with `now`), for test/exit-now.test.ts.
import { exitWith } from '../../src/cli/common.js';

exitWith(
  async () => {
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 1024; i++) process.stdout.write(line);
    process.stderr.write('done\n');
    return 3;
  },
  { now: true },
);
