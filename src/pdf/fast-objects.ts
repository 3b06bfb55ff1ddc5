// Two of pdf-lib's object constructors made cheaper, with the objects they made: every name and number of every PDF
// a build parses (each laid-out part) and makes goes through them, about 80 ms of a forced build's CPU and its garbage.
// - PDFName.of ran a regular expression over each name for #xx escapes before looking the name up in its pool: a name
//   is now looked up as given first (the same instance: the pool is by decoded name, and decoding is a function).
// - PDFNumber.of wrote each number for the file when made, splitting its text twice to look for an exponent: a number
//   whose text has none (all but the tiny and the huge) is written as String writes it, as pdf-lib's numberToString
//   does then.
// Installed once per thread, on import (the modules that parse and link PDFs import this). test/fast-objects.test.ts
// compares them with pdf-lib's own.
import { PDFName, PDFNumber } from '@cantoo/pdf-lib';

const INSTALLED = Symbol.for('competency-guidelines.fast-pdf-objects');

interface Installed {
  [INSTALLED]?: { name: (n: string) => PDFName; number: (v: number) => PDFNumber };
}

export function installFastObjects(): void {
  const names = PDFName as unknown as typeof PDFName & Installed;
  if (names[INSTALLED]) return;
  const nameOf = PDFName.of;
  const numberOf = PDFNumber.of;
  names[INSTALLED] = { name: nameOf, number: numberOf };
  const byText = new Map<string, PDFName>();
  PDFName.of = (name: string): PDFName => {
    let found = byText.get(name);
    if (!found) {
      found = nameOf(name);
      // Names made by a parsed file are bounded by what documents use; a name per applicant would not be.
      if (byText.size < 100_000) byText.set(name, found);
    }
    return found;
  };
  const proto = PDFNumber.prototype;
  PDFNumber.of = (value: number): PDFNumber => {
    const text = String(value);
    if (text.includes('e')) return numberOf(value);
    const n = Object.create(proto) as { numberValue: number; stringValue: string };
    n.numberValue = value;
    n.stringValue = text;
    return n as unknown as PDFNumber;
  };
}

/** pdf-lib's own constructors (for the test that compares). */
export function originalObjects(): { name: (n: string) => PDFName; number: (v: number) => PDFNumber } {
  installFastObjects();
  return (PDFName as unknown as Installed)[INSTALLED]!;
}

installFastObjects();
