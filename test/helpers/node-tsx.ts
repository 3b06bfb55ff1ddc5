// Runs a TypeScript command the way the tests need it: one plain node process with tsx's loader (no tsx CLI in
// between, which starts a second node), so a test's spawn costs one start-up and a kill reaches the command itself.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const loader = pathToFileURL(join(process.cwd(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** `node --import <tsx loader>`: the executable, then the arguments to put before the script. */
export const nodeTsx: [string, string[]] = [process.execPath, ['--import', loader]];
