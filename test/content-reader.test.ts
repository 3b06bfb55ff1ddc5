// The tests' own reader of source/ and templates/ (helpers/expected.ts), which content.test.ts and tagged-pdf.test.ts
// take their expectations from: checked here against what the files plainly say, so that it cannot quietly expect
// too little.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedEditions, expectedFormTitles, missingInOrder, withoutCodes } from './helpers/expected.js';

describe("the tests' reader of source/", () => {
  const editions = expectedEditions();

  it('reads every edition, its levels, areas and competencies, and the glossary', () => {
    expect([...editions.keys()]).toEqual(['michigan', 'michigan-revised', 'new-mexico', 'texas']);
    const l1 = editions.get('michigan')!.levels[0];
    expect(l1.title).toBe('Infant Family Associate');
    expect(l1.areas.map((a) => a.name)).toEqual([
      'Theoretical Foundations',
      'Law, Regulation & Agency Policy',
      'Systems Expertise',
      'Direct Service Skills',
      'Working with Others',
      'Communicating',
      'Thinking',
      'Reflection',
    ]);
    expect(l1.areas[0].areas).toHaveLength(7);
    expect(l1.areas[0].competencies[0]).toMatch(/^Informally \(and in some cases, formally\) observes/);
    // Sub-bullets are competencies too: "Personally works within the requirements of :" and its three.
    expect(l1.areas[1].competencies.slice(-4)).toEqual([
      'Personally works within the requirements of :',
      'Federal and state law',
      'Agency policies and practices',
      'Agency code of conduct',
    ]);
    const glossary = editions.get('michigan')!.glossary;
    expect(glossary.length).toBe(2 * 28);
    expect(glossary.slice(-2)).toEqual(['Supervision', 'a learning experience in which a']);
  });

  it("applies an edition's overrides: areas replaced in place, an Impact Map replaced or added", () => {
    const base = editions.get('michigan')!;
    const nm = editions.get('new-mexico')!.levels[1];
    expect(nm.areas.map((a) => a.id)).toEqual(base.levels[1].areas.map((a) => a.id));
    expect(nm.areas[0]).not.toEqual(base.levels[1].areas[0]);
    expect(nm.areas[1]).toEqual(base.levels[1].areas[1]);
    expect(base.levels[2].impactMap).toBeNull();
    expect(editions.get('texas')!.levels[2].impactMap!.columns.map((c) => c.title)).toEqual([
      'Capabilities',
      'Key Responsibilities',
      'Level 3 Results',
      'Service Objectives',
      'Service Goal',
    ]);
  });

  it('reads the forms and logs of the packet template, the level filled in', () => {
    expect(expectedFormTitles(3)).toEqual([
      'Application for Endorsement at Level 3',
      'Training Log',
      'Work Experience Log',
      'Reflective Supervision Log',
      'Professional Reference Rating Request',
      "Code of Ethics Agreement and Candidate's Waiver",
    ]);
  });

  it('takes the codes off a competency, and finds texts in order only', () => {
    expect(withoutCodes('Monitors or evaluates service process and outcomes (S, T)')).toBe(
      'Monitors or evaluates service process and outcomes',
    );
    expect(withoutCodes('Reflection (C, S and P)')).toBe('Reflection');
    expect(withoutCodes('Cares for infants (and parents)')).toBe('Cares for infants (and parents)');
    expect(missingInOrder(['a b', 'c'], 'x a\nb y c')).toEqual([]);
    expect(missingInOrder(['c', 'a b'], 'x a b y c')).toEqual(['a b']);
  });

  it('refuses what it does not read, rather than expecting it wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-expected-'));
    try {
      cpSync('source', join(dir, 'source'), { recursive: true });
      writeFileSync(
        join(dir, 'source/editions/texas/edition.yaml'),
        'association: { name: T, abbreviation: T }\nremove: [l1.thinking]\n',
      );
      expect(() => expectedEditions(dir)).toThrow(/texas removes ids/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
