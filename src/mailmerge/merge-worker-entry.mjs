// Worker thread entry: loader hooks do not carry over to worker threads on Node 20, so each
// worker registers tsx itself before it loads the TypeScript code; a compiled copy of src/ (the tests run one) has
// the JavaScript beside this file instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('./merge-worker.js', import.meta.url);
const isCompiled = existsSync(fileURLToPath(compiled));
if (!isCompiled) (await import('tsx/esm/api')).register();
const { default: mergeOne, renderShared } = await import(isCompiled ? compiled.href : './merge-worker.ts');
export default mergeOne;
export { renderShared };
