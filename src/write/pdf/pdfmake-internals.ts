// pdfmake's internal classes, for the few of its methods this project wraps (tagging/hooks.ts, measure-once.ts):
// patches in our source, checked against the one pdfmake version they were written for.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

const PDFMAKE_VERSION = '0.3.11';

export function lib(name: string): Any {
  const root = require.resolve('pdfmake/package.json');
  return require(root.replace(/package\.json$/, `js/${name}.js`)).default;
}

export function wrap(
  proto: Any,
  method: string,
  around: (original: (...a: Any[]) => Any, self: Any, args: Any[]) => Any,
): void {
  const original = proto[method];
  if (typeof original !== 'function')
    throw new Error(`pdfmake ${PDFMAKE_VERSION}: ${method} not found; src/write/pdf's patches to it need updating`);
  proto[method] = function (this: Any, ...args: Any[]) {
    return around(original, this, args);
  };
}

export function checkVersion(): void {
  const version = require('pdfmake/package.json').version;
  if (version !== PDFMAKE_VERSION)
    throw new Error(`src/write/pdf patches pdfmake ${PDFMAKE_VERSION}; found ${version}`);
}
