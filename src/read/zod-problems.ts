// A zod error as plain "what is wrong; what was expected" pairs, one per issue.
import type { z } from 'zod';

export interface Problem {
  /** Path of the value the problem is about (for unknown keys: the key itself). */
  path: (string | number)[];
  key: string | undefined;
  problem: string;
  expected: string;
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'string'
        ? 'a text value'
        : issue.expected === 'number'
          ? 'a number'
          : issue.expected === 'boolean'
            ? 'true or false'
            : `a ${issue.expected}`;
    case 'too_big':
      return issue.origin === 'number'
        ? `a number at most ${issue.maximum}`
        : `at most ${issue.maximum} ${issue.origin === 'string' ? 'characters' : 'items'}`;
    case 'too_small':
      return issue.origin === 'number'
        ? `a number at least ${issue.minimum}`
        : issue.origin === 'string'
          ? 'a non-empty text'
          : `at least ${issue.minimum} item(s)`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'date'
        ? 'a date written YYYY-MM-DD, such as 2026-11-01'
        : issue.format === 'regex'
          ? issue.message
          : `a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

export function zodProblems(error: z.ZodError, data: unknown): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
    const name = path.join('.');
    const key = [...path].reverse().find((p): p is string => typeof p === 'string');
    if (issue.code === 'unrecognized_keys') {
      const full = [...path, issue.keys[0]];
      return {
        path: full,
        key: issue.keys[0],
        problem: `unknown setting "${full.join('.')}"`,
        expected: 'only the documented keys (see source/README.md and templates/packet.yaml)',
      };
    }
    const value = path.reduce<unknown>(
      (v, p) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined),
      data,
    );
    const problem = value === undefined ? `"${name}" is missing` : `"${name}" is ${JSON.stringify(value)}`;
    return { path, key, problem, expected: expectation(issue) };
  });
}
