// A command that exits as soon as its work is done (build, build:packets) still writes all it printed: a pipe takes
// about 64 kB at once, and what Node queues beyond that was lost when the process exited (the end of a long `--ids`
// listing, read by a busy parent).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const loader = pathToFileURL(join(process.cwd(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

describe('exiting at once', () => {
  it('writes everything printed to a pipe read slowly, with the exit code', async () => {
    const child = spawn(process.execPath, ['--import', loader, join('test', 'helpers', 'exit-now.ts')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Nothing is read until the command has written all it writes and waits for the pipe (or has exited).
    child.stdout.pause();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const printed = new Promise<void>((resolve) => child.stderr.once('data', () => setTimeout(resolve, 500)));
    await Promise.race([printed, exited]);
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    child.stdout.resume();
    await new Promise((resolve) => child.on('close', resolve));
    const code = await exited;
    expect(stderr).toBe('done\n');
    expect(bytes).toBe(1024 * 1024);
    expect(code).toBe(3);
  });
});
