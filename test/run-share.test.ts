// What a run's threads share (pipeline/run-share.ts): which store entries the run put, and who lays out a part that
// two threads need at once. Each thread has its own RunShare over the run's one buffer; two here stand for two threads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { RunShare } from '../src/pipeline/run-share.js';
import { ContentStore } from '../src/pipeline/store.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);

describe('a run’s shared table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-share-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a part to the first thread that claims it; the others wait until it is put', async () => {
    const main = new RunShare();
    const worker = new RunShare(main.buffer);
    expect(worker.id).toBe(main.id);
    expect(main.claim('part-a')).toEqual({ mine: true });
    const waiting = worker.claim('part-a');
    expect(waiting.mine).toBe(false);
    if (waiting.mine || waiting.put) throw new Error('expected to wait');
    let settled: boolean | null = null;
    void waiting.settled.then((v) => (settled = v));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBeNull();
    expect(worker.has('part-a')).toBe(false);
    main.put('part-a');
    expect(await waiting.settled).toBe(true);
    expect(worker.has('part-a')).toBe(true);
    // Claimed once it is put: nothing to lay out.
    expect(worker.claim('part-a')).toEqual({ mine: false, put: true });
    // Another run's table knows none of it.
    expect(new RunShare().has('part-a')).toBe(false);
  });

  it('lets a waiting thread lay out a part whose claim was released without it being put', async () => {
    const main = new RunShare();
    const worker = new RunShare(main.buffer);
    expect(main.claim('part-b').mine).toBe(true);
    const waiting = worker.claim('part-b');
    if (waiting.mine || waiting.put) throw new Error('expected to wait');
    main.release('part-b');
    expect(await waiting.settled).toBe(false);
    expect(worker.claim('part-b')).toEqual({ mine: true });
    // Released after it was put: it stays put.
    worker.put('part-b');
    worker.release('part-b');
    expect(main.has('part-b')).toBe(true);
  });

  it('stops waiting for a claim that is never settled (a thread that died holding it)', async () => {
    const main = new RunShare();
    expect(main.claim('part-d').mine).toBe(true);
    const waiting = new RunShare(main.buffer, 50).claim('part-d');
    if (waiting.mine || waiting.put) throw new Error('expected to wait');
    const t = Date.now();
    expect(await waiting.settled).toBe(false);
    expect(Date.now() - t).toBeGreaterThanOrEqual(40);
  });

  it('wakes a thread waiting on a claim held by another thread', async () => {
    const share = new RunShare();
    expect(share.claim('part-c').mine).toBe(true);
    const waiting = new RunShare(share.buffer).claim('part-c');
    if (waiting.mine || waiting.put) throw new Error('expected to wait');
    // A real thread marks the slot put and notifies, as RunShare.put does (the worker has the buffer, not our code).
    const states = new Int32Array(share.buffer, (1 << 14) * 8, 1 << 14);
    const slot = states.findIndex((s) => s === 1);
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const states = new Int32Array(workerData.buffer, (1 << 14) * 8, 1 << 14);
       setTimeout(() => { Atomics.store(states, workerData.slot, 2); Atomics.notify(states, workerData.slot); }, 30);`,
      { eval: true, workerData: { buffer: share.buffer, slot } },
    );
    try {
      expect(await waiting.settled).toBe(true);
    } finally {
      await worker.terminate();
    }
  });

  it('lets a fresh store read what another thread of its run put, and nothing another run put', async () => {
    const older = new ContentStore(dir, 'g1');
    older.put('before', bytes('kept before'));
    await older.settled();
    const run = new RunShare();
    const here = new ContentStore(dir, 'g1', true, run);
    const there = new ContentStore(dir, 'g1', true, new RunShare(run.buffer));
    const otherRun = new ContentStore(dir, 'g1', true, new RunShare());
    there.put('made-there', bytes('made by the other thread'));
    expect(here.get('made-there')).toBeNull(); // not written yet: a miss, never half an entry
    await there.settled();
    expect(text(here.get('made-there'))).toBe('made by the other thread');
    expect(here.get('before')).toBeNull();
    expect(otherRun.get('made-there')).toBeNull();
  });
});
