// Worker thread entry: loader hooks do not carry over to worker threads on Node 20, so each
// worker registers tsx itself before it loads the TypeScript code; in the compiled copy of src/ (util/code-copy.mjs:
// the commands and the tests run one) this file is beside the bundled JavaScript instead, with V8's compile cache.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flushCompiled, useCompileCache } from '../util/code-copy.mjs';

const compiled = new URL('./merge-worker.js', import.meta.url);
const isCompiled = existsSync(fileURLToPath(compiled));
if (isCompiled) useCompileCache(fileURLToPath(new URL('..', import.meta.url)));
else (await import('tsx/esm/api')).register();
const { default: mergeOne, renderShared } = await import(isCompiled ? compiled.href : './merge-worker.ts');
if (isCompiled) flushCompiled();
export default mergeOne;
export { renderShared };
