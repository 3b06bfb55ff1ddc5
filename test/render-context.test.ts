// The render context (pipeline/context.ts, write/context.ts): the PDF writer keeps nothing in its modules, so two
// renders in one thread, interleaved at their awaits, make the bytes each makes alone; and a run's context holds what
// the run laid out, so a second run with a context of its own lays it out again (nothing is left in a module).
import { describe, expect, it } from 'vitest';
import { composePacket, composePersonalPages, type Addressee } from '../src/compose/packet.js';
import { resolveEdition } from '../src/editions/edition.js';
import { loadSource } from '../src/editions/source.js';
import { bareContext } from '../src/write/context.js';
import { writePdf } from '../src/write/pdf/document.js';
import { openPdf } from './helpers/pdf.js';

const person = (first_name: string, last_name: string): Addressee => ({
  first_name,
  last_name,
  address_line1: '1 Main St',
  address_line2: '',
  city: 'Lansing',
  state: 'MI',
  postal_code: '48912',
  email: 'a@example.org',
  line: 2,
});

async function textOf(bytes: Uint8Array): Promise<string> {
  const pdf = await openPdf(bytes);
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++)
    pages.push(
      (await (await pdf.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' '),
    );
  return pages.join('\n');
}

describe('the render context', () => {
  it('renders documents interleaved in one thread with the bytes each has alone, and keeps the parts of a run in its context', async () => {
    const tree = loadSource(process.cwd());
    const michigan = resolveEdition(
      tree,
      tree.editions.find((e) => e.id === 'michigan')!,
    );
    const texas = resolveEdition(
      tree,
      tree.editions.find((e) => e.id === 'texas')!,
    );
    const docs = [
      composePersonalPages(michigan, michigan.guidelines.levels[0], tree.packetTemplate, person('Ana', 'Pérez')),
      composePersonalPages(texas, texas.guidelines.levels[1], tree.packetTemplate, person('Bo', 'Lindqvist')),
      composePacket(michigan, michigan.guidelines.levels[0], tree.packetTemplate).document,
      composePacket(texas, texas.guidelines.levels[1], tree.packetTemplate).document,
    ];
    const alone: Uint8Array[] = [];
    for (const d of docs) alone.push((await writePdf(d, bareContext())).bytes);
    // All four at once in one context: their layouts, tag sessions and part assemblies interleave at every await.
    const shared = bareContext();
    const together = await Promise.all(docs.map((d) => writePdf(d, shared)));
    together.forEach((r, i) => expect(Buffer.from(r.bytes).equals(Buffer.from(alone[i])), `document ${i}`).toBe(true));
    const letters = await Promise.all(together.slice(0, 2).map((r) => textOf(r.bytes)));
    expect(letters[0]).toContain('Ana');
    expect(letters[0]).not.toContain('Lindqvist');
    expect(letters[1]).toContain('Lindqvist');
    expect(letters[1]).not.toContain('Pérez');
    // The two packets' parts were laid out in the shared context; a new context has none of them.
    expect(shared.parts.counts.rendered).toBeGreaterThan(1);
    expect(shared.parts.loaded.size).toBe(shared.parts.counts.rendered);
    const fresh = bareContext();
    await writePdf(docs[2], fresh);
    expect(fresh.parts.counts.inMemory).toBe(0);
    expect(fresh.parts.counts.rendered).toBeGreaterThan(0);
  }, 180_000);
});
