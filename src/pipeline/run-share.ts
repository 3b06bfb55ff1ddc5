// What the threads of one run (a build: this thread and its render threads) tell each other about the run's store:
// which entries the run has put, and which part a thread is laying out now. A table in shared memory, made by the run
// and handed to its worker threads with each job, so it names this run and nothing else: a fresh store (a forced
// build) reads what another thread of its run put, and never what a file left by another run or process holds.
//
// Two threads that need the same part at once (the Level 1 chapter of two editions' booklets) lay it out once: the
// first claims it, the second waits for it and reads it from the store.
import { createHash } from 'node:crypto';
import type { Claim, PartClaims } from '../write/context.js';

/**
 * Slots of the table (open addressing, half full at most): a build of 40 editions puts about 1,500 entries. A run that
 * fills it shares no more (a full table only costs speed).
 */
const SLOTS = 1 << 14;
const PROBES = 64;

/** How long a thread waits for another's claim before it lays the part out itself. */
const WAIT_MS = 30_000;

const FREE = 0;
const CLAIMED = 1;
const PUT = 2;
const FAILED = 3;

function newTable(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(SLOTS * 12 + 4);
  new Int32Array(buffer, SLOTS * 12, 1)[0] = (Math.random() * 0x7fffffff) | 0;
  return buffer;
}

export class RunShare implements PartClaims {
  private readonly keys: BigInt64Array;
  private readonly states: Int32Array;

  /** A new table (a run), or the table of the run that sent a job (a worker thread). */
  constructor(
    readonly buffer: SharedArrayBuffer = newTable(),
    private readonly waitMs = WAIT_MS,
  ) {
    this.keys = new BigInt64Array(buffer, 0, SLOTS);
    this.states = new Int32Array(buffer, SLOTS * 8, SLOTS);
  }

  /** The table's name: the same in every thread it was handed to (a thread keeps one context per run). */
  get id(): number {
    return new Int32Array(this.buffer, SLOTS * 12, 1)[0];
  }

  /** The key's slot, taken if `take` and none holds it yet; -1: not there (or the table is full). */
  private slot(key: string, take: boolean): number {
    const digest = createHash('sha256').update(key).digest();
    // 63 bits, never 0 (a free slot).
    const id = digest.readBigInt64LE(0) | 1n;
    let i = digest.readUInt32LE(8) % SLOTS;
    for (let n = 0; n < PROBES; n++, i = (i + 1) % SLOTS) {
      const held = Atomics.load(this.keys, i);
      if (held === id) return i;
      if (held === 0n) {
        if (!take) return -1;
        const was = Atomics.compareExchange(this.keys, i, 0n, id);
        if (was === 0n || was === id) return i;
      }
    }
    return -1;
  }

  /** Whether a thread of this run put the entry in the store. */
  has(key: string): boolean {
    const i = this.slot(key, false);
    return i >= 0 && Atomics.load(this.states, i) === PUT;
  }

  /** The entry is in the store (put by this thread): the run's other threads may read it; those waiting go on. */
  put(key: string): void {
    const i = this.slot(key, true);
    if (i < 0) return;
    Atomics.store(this.states, i, PUT);
    Atomics.notify(this.states, i);
  }

  /**
   * Done with a claim: if it was not put (laying it out failed, or the store could not be written), a thread waiting
   * for it lays it out itself.
   */
  release(key: string): void {
    const i = this.slot(key, false);
    if (i < 0) return;
    Atomics.compareExchange(this.states, i, CLAIMED, FAILED);
    Atomics.notify(this.states, i);
  }

  /**
   * Who lays out `key`: this thread (then the store's put settles it, or `release` if it fails), nobody (it is in the store), or another thread
   * (`settled` says whether it was put).
   */
  claim(key: string): Claim {
    const i = this.slot(key, true);
    if (i < 0) return { mine: true };
    const was = Atomics.compareExchange(this.states, i, FREE, CLAIMED);
    if (was === FREE) return { mine: true };
    if (was === PUT) return { mine: false, put: true };
    if (was === FAILED)
      return Atomics.compareExchange(this.states, i, FAILED, CLAIMED) === FAILED ? { mine: true } : this.claim(key);
    return { mine: false, put: false, settled: this.settled(i) };
  }

  /**
   * Whether the part was put, once its claim is settled. A thread that died holding a claim never settles it: after
   * `waitMs` (a part takes well under a second) the waiting thread lays the part out itself.
   */
  private async settled(i: number): Promise<boolean> {
    const until = Date.now() + this.waitMs;
    for (;;) {
      const state = Atomics.load(this.states, i);
      if (state === PUT) return true;
      if (state !== CLAIMED || Date.now() >= until) return false;
      const wait = Atomics.waitAsync(this.states, i, CLAIMED, until - Date.now());
      if (wait.async) await wait.value;
    }
  }
}
