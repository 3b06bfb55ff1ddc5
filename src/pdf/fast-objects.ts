// Three of pdf-lib's object constructors made cheaper, with the objects they made: every name, number and reference of
// every PDF a build parses (each laid-out part) and makes goes through them, about 0.1 s of a forced build's CPU.
// - PDFName.of ran a regular expression over each name for #xx escapes before looking the name up in its pool: a name
//   is now looked up as given first (the same instance: the pool is by decoded name, and decoding is a function).
// - PDFNumber.of wrote each number for the file when made, splitting its text twice to look for an exponent: a number
//   whose text has none (all but the tiny and the huge) is written as String writes it, as pdf-lib's numberToString
//   does then.
// - PDFRef.of wrote "n 0 R" to look a reference up in its pool: one of generation 0 (all a build makes) is kept by its
//   number too (the same instance).
// Installed once per thread, on import (the modules that parse and link PDFs import this). test/fast-objects.test.ts
// compares them with pdf-lib's own.
import { PDFName, PDFNumber, PDFRef } from '@cantoo/pdf-lib';

const INSTALLED = Symbol.for('competency-guidelines.fast-pdf-objects');

interface Installed {
  [INSTALLED]?: Originals;
}

interface Originals {
  name: (n: string) => PDFName;
  number: (v: number) => PDFNumber;
  ref: (objectNumber: number, generation?: number) => PDFRef;
}

export function installFastObjects(): void {
  const names = PDFName as unknown as typeof PDFName & Installed;
  if (names[INSTALLED]) return;
  const nameOf = PDFName.of;
  const numberOf = PDFNumber.of;
  const refOf = PDFRef.of;
  names[INSTALLED] = { name: nameOf, number: numberOf, ref: refOf };
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
  const refs: PDFRef[] = [];
  PDFRef.of = (objectNumber: number, generation = 0): PDFRef => {
    if (generation !== 0 || !Number.isInteger(objectNumber) || objectNumber < 0 || objectNumber > 10_000_000)
      return refOf(objectNumber, generation);
    return (refs[objectNumber] ??= refOf(objectNumber, 0));
  };
}

/** pdf-lib's own constructors (for the test that compares). */
export function originalObjects(): Originals {
  installFastObjects();
  return (PDFName as unknown as Installed)[INSTALLED]!;
}

installFastObjects();
