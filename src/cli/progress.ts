// Progress on stderr: one line redrawn in place on a terminal, plain lines now and then when
// stderr is a file or a pipe (CI logs), nothing with --quiet. Results go to stdout, never here.

export interface ProgressOptions {
  quiet?: boolean;
  /** Defaults to whether stderr is a terminal. */
  tty?: boolean;
  /** Plain mode: at most one line per this many ms (besides the first and the last). */
  everyMs?: number;
  now?: () => number;
  write?: (s: string) => void;
}

export class Progress {
  private readonly tty: boolean;
  private readonly quiet: boolean;
  private readonly everyMs: number;
  private readonly now: () => number;
  private readonly write: (s: string) => void;
  private drawn = false;
  private lastPlain = -Infinity;

  constructor(opts: ProgressOptions = {}) {
    this.quiet = !!opts.quiet;
    this.tty = opts.tty ?? !!process.stderr.isTTY;
    this.everyMs = opts.everyMs ?? 5000;
    this.now = opts.now ?? (() => performance.now());
    this.write = opts.write ?? ((s) => void process.stderr.write(s));
  }

  /** A line that stays (a document finished, a phase began). */
  line(text: string): void {
    if (this.quiet) return;
    this.clear();
    this.write(`${text}\n`);
  }

  /** A status that replaces the previous one on a terminal; printed now and then otherwise. */
  status(text: string, final = false): void {
    if (this.quiet) return;
    if (this.tty) {
      this.write(`\r\x1b[K${text}`);
      this.drawn = true;
      if (final) this.done();
      return;
    }
    const t = this.now();
    if (final || t - this.lastPlain >= this.everyMs) {
      this.lastPlain = t;
      this.write(`${text}\n`);
    }
  }

  /** Ends a redrawn line, so what follows starts on a line of its own. */
  done(): void {
    if (this.drawn) this.write('\n');
    this.drawn = false;
  }

  private clear(): void {
    if (this.drawn) this.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** "12/40, 3.1/s, 9 s left": done of total, the rate so far and the time left at that rate. */
export function rateLine(label: string, done: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? (total - done) / rate : NaN;
  const eta =
    done === total
      ? `done in ${seconds(elapsedMs / 1000)}`
      : Number.isFinite(left)
        ? `${seconds(left)} left`
        : 'estimating…';
  return `${label}: ${done}/${total}, ${rate.toFixed(1)}/s, ${eta}`;
}

export function seconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}
