// How many threads a build renders in (pipeline/render-pool.ts): on two cores, a few editions in the main thread alone
// (a worker thread costs more than it gives there); more editions, or more cores, one thread per core; CG_WORKERS
// decides when set.
import { afterEach, describe, expect, it } from 'vitest';
import { renderThreads } from '../src/pipeline/render-pool.js';

describe('render threads', () => {
  const before = process.env.CG_WORKERS;
  afterEach(() => {
    if (before === undefined) delete process.env.CG_WORKERS;
    else process.env.CG_WORKERS = before;
  });

  it('renders a few editions in this thread on two cores, and more editions or more cores on every core', () => {
    delete process.env.CG_WORKERS;
    expect(renderThreads(4, 2)).toBe(1);
    expect(renderThreads(8, 2)).toBe(1);
    expect(renderThreads(9, 2)).toBe(2);
    expect(renderThreads(40, 2)).toBe(2);
    expect(renderThreads(4, 1)).toBe(1);
    expect(renderThreads(4, 8)).toBe(8);
    expect(renderThreads(undefined, 2)).toBe(2);
  });

  it('takes CG_WORKERS when it is set', () => {
    process.env.CG_WORKERS = '2';
    expect(renderThreads(4, 2)).toBe(2);
    process.env.CG_WORKERS = '1';
    expect(renderThreads(40, 8)).toBe(1);
  });
});
