// Render threads run a compiled copy of src/ (pipeline/compiled-code.ts): the commands' and threads' entries bundled,
// kept by generator, and a thread started from it renders what the TypeScript renders.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledSource } from '../src/pipeline/compiled-code.js';
import { COMMANDS } from '../src/util/code-copy.mjs';
import { createRenderPool } from '../src/pipeline/render-pool.js';
import { createRenderContext } from '../src/pipeline/context.js';
import { renderIn } from '../src/pipeline/render-worker.js';
import { bareContext } from '../src/write/context.js';
import type { Document } from '../src/compose/tree.js';

const letter: Document = {
  editionId: 'test',
  kind: 'letter',
  meta: { title: 'A letter', author: 'Test', subject: '', keywords: '', language: 'en-US', date: '2026-01-01' },
  page: { size: 'LETTER', twoSided: false, padToMultipleOf4: false },
  accent: '#224466',
  furniture: { headerLine: '', footerLine: '' },
  parts: [{ kind: 'loose', blocks: [{ kind: 'paragraph', runs: [{ text: 'Dear applicant,' }] }] }],
} as unknown as Document;

describe('the compiled copy of src/', () => {
  it('has the JavaScript of every command and thread, and the thread entries, and is made once', () => {
    const dir = compiledSource();
    expect(dir).not.toBeNull();
    expect(existsSync(join(dir!, '.complete'))).toBe(true);
    for (const c of COMMANDS) expect(existsSync(join(dir!, 'cli', `${c}.js`)), c).toBe(true);
    for (const f of ['pipeline/render-worker.js', 'mailmerge/merge-worker.js'])
      expect(existsSync(join(dir!, f)), f).toBe(true);
    expect(existsSync(join(dir!, 'pipeline', 'render-worker-entry.mjs'))).toBe(true);
    expect(existsSync(join(dir!, 'mailmerge', 'merge-worker-entry.mjs'))).toBe(true);
    expect(compiledSource()).toBe(dir);
  });

  it('renders in a thread what the TypeScript renders in this one', async () => {
    const pool = createRenderPool(2);
    try {
      const ctx = createRenderContext({ keep: false });
      const [inThread, here] = await Promise.all([
        pool.run({ format: 'pdf', document: letter }, ctx),
        renderIn({ format: 'pdf', document: letter }, bareContext()),
      ]);
      expect(Buffer.from(inThread.bytes).equals(Buffer.from(here.bytes))).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
