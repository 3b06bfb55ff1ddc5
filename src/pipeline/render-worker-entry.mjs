// Worker thread entry: loader hooks do not carry over to worker threads on Node 20, so each
// worker registers tsx itself before it loads the TypeScript renderer.
import { register } from 'tsx/esm/api';

register();
const { default: render } = await import('./render-worker.ts');
export default render;
