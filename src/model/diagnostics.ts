// Input errors as data: each names file:line:column, what is wrong and what was expected.
import type { SourcePos } from './schema.js';

export class SourceError extends Error {
  constructor(
    readonly pos: SourcePos,
    readonly problem: string,
    readonly expected?: string,
  ) {
    super(formatProblem(pos, problem, expected));
  }
}

export function formatProblem(pos: SourcePos, problem: string, expected?: string): string {
  return `${pos.file}:${pos.line}:${pos.column}: ${problem}${expected ? `; expected ${expected}` : ''}`;
}

/** Collects every problem of a build, so staff see them all at once. */
export class Diagnostics {
  readonly errors: SourceError[] = [];
  error(pos: SourcePos, problem: string, expected?: string): void {
    this.errors.push(new SourceError(pos, problem, expected));
  }
  get ok(): boolean {
    return this.errors.length === 0;
  }
  messages(): string[] {
    return this.errors.map((e) => e.message);
  }
}

/** Thrown when a build stops on bad input; carries every collected message. */
export class InputError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('\n'));
  }
}
