// Renders independent publications on every core: a pool of worker threads, fonts loaded once per worker.
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import render, { type RenderJob, type RenderOutput } from './render-worker.js';

/** Threads to use: CG_WORKERS if set (0 or 1 renders in this thread), else one per core. */
export function workerCount(): number {
  const env = process.env.CG_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  return availableParallelism();
}

export interface RenderPool {
  run(job: RenderJob): Promise<RenderOutput>;
  close(): Promise<void>;
}

export function createRenderPool(threads = workerCount()): RenderPool {
  if (threads <= 1) return { run: render, close: async () => {} };
  const pool = new Tinypool({
    filename: new URL('./render-worker-entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  return { run: (job) => pool.run(job), close: () => pool.destroy() };
}
