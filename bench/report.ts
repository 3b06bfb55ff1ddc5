// One line per figure: what was measured, the figure, its target from issue #29 and whether it is met, and the load
// the machine was under (a figure measured on a busy machine says so).
import { availableParallelism, loadavg } from 'node:os';
import type { Measured } from './run.js';

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const mb = (n: number): string => `${Math.round(n)} MB`;

/** Load per core above this: the figure was measured under load (other work on the machine). */
const BUSY = 0.75;

export function loadNote(load: [number, number] | number[]): string {
  const worst = Math.max(...load);
  const busy = worst / availableParallelism() > BUSY;
  return `load ${load.map((l) => l.toFixed(1)).join('→')}${busy ? ', UNDER LOAD' : ''}`;
}

export interface Target {
  text: string;
  met: boolean;
}

export const atMost = (value: number, limit: number, show: (n: number) => string): Target => ({
  text: `≤ ${show(limit)}`,
  met: value <= limit,
});

export function figure(what: string, value: string, targets: Target[], load: [number, number] | number[]): void {
  const t = targets.map((x) => `${x.text}: ${x.met ? 'met' : 'NOT MET'}`).join(', ');
  console.log(`${what}: ${value}${t ? ` (target ${t})` : ''} [${loadNote(load)}]`);
}

/** The usual three numbers of a run: seconds, peak MB and, when given, the files it made. */
export function basics(r: Measured, files?: number): string {
  return `${seconds(r.ms)}, peak ${mb(r.peakMb)}${files === undefined ? '' : `, ${files} files`}`;
}

export function header(): void {
  console.log(
    `machine: ${availableParallelism()} cores available, Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (1, 5, 15 min)`,
  );
}
