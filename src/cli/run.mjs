// The commands' launcher (package.json's scripts): `node src/cli/run.mjs <command> [options]` runs src/cli/<command>
// from the compiled copy of src/ (util/code-copy.mjs), made the first time the code runs; without one, from the
// TypeScript through tsx.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codeCopy, COMMANDS, useCompileCache } from '../util/code-copy.mjs';

const command = process.argv[2];
if (!COMMANDS.includes(command)) {
  console.error(`run.mjs: unknown command ${JSON.stringify(command)}; expected one of ${COMMANDS.join(', ')}`);
  process.exit(2);
}
// The command reads its own options from argv, as if it had been run directly.
process.argv.splice(2, 1);
const here = dirname(fileURLToPath(import.meta.url));
const copy = codeCopy(join(here, '..', '..'));
if (copy) {
  useCompileCache(copy);
  await import(pathToFileURL(join(copy, 'cli', `${command}.js`)).href);
} else {
  (await import('tsx/esm/api')).register();
  await import(`./${command}.ts`);
}
