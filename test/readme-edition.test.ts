// The README's complete example edition is test/fixtures/edition-cascadia/: the README shows exactly these files, and
// they build. Its report reads in the booklet's order, names each change by what changed, and lists the ids to use.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.js';
import { readPdf } from './helpers/pdf.js';
import { manifest } from './helpers/built.js';

const project = process.cwd();
const fixture = join(project, 'test', 'fixtures', 'edition-cascadia');
const readme = readFileSync(join(project, 'README.md'), 'utf8');
/** The README and the pages of docs/ it links to, where the figures of a build are given. */
const documentation = [
  readme,
  ...readdirSync(join(project, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(join(project, 'docs', f), 'utf8')),
].join('\n');

/** The code block after the README's line naming `source/editions/cascadia/<file>`. */
function shown(file: string): string {
  const label = readme.indexOf(`\`source/editions/cascadia/${file}\``);
  expect(label).toBeGreaterThan(0);
  const m = readme.slice(label).match(/```\w*\n([\s\S]*?)```/);
  return m![1];
}

describe("the README's example edition", () => {
  let dir: string;
  let report: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-readme-edition-'));
    for (const d of ['source', 'templates']) cpSync(join(project, d), join(dir, d), { recursive: true });
    cpSync(fixture, join(dir, 'source', 'editions', 'cascadia'), { recursive: true });
    await build({ project: dir, editions: ['cascadia'] });
    report = readFileSync(join(dir, 'out', 'cascadia', 'report.md'), 'utf8');
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is what the README shows, file for file, with every setting', () => {
    for (const file of ['edition.yaml', 'level-2.md', 'glossary.md'])
      expect(shown(file)).toBe(readFileSync(join(fixture, file), 'utf8'));
    const settings = readFileSync(join(fixture, 'edition.yaml'), 'utf8');
    // Every key of the settings schema, as source/README.md's table lists them.
    const keys = [
      ...readFileSync(join(project, 'src', 'model', 'settings.ts'), 'utf8').matchAll(/^ {4}(\w+): z/gm),
    ].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(15);
    for (const key of keys) expect(settings).toMatch(new RegExp(`^${key}:`, 'm'));
  });

  it('builds: the booklet has its words, the packets its office and fees', async () => {
    const booklet = await readPdf(join(dir, 'out', 'cascadia', 'competency-guidelines.pdf'));
    const text = booklet.text.replace(/\s+/g, ' ');
    expect(text).toContain('Helps families find, obtain and advocate for the services and resources they need');
    expect(text).toContain('Knows the tribal and community services of the region');
    expect(text).toContain('services a tribe provides to its members');
    expect(text).toContain('a professional who has applied for the CAIMH Endorsement');
    // Removed from one level each; Levels 1, 2 and 3 of the base have each of them.
    const count = (s: string) => text.split(s).length - 1;
    expect(count('Makes families and service providers/agencies aware')).toBe(2);
    expect(count('Uses appropriate non-verbal behavior')).toBe(2);
    const packet = (await readPdf(join(dir, 'out', 'cascadia', 'packet-level-2.pdf'))).text.replace(/\s+/g, ' ');
    for (const s of ['CAIMH Endorsement Office', '100 Harbor Way, Suite 4', '$75', 'April 30, 2027'])
      expect(packet).toContain(s);
  });

  it("has a report in the booklet's order: cover, levels in order, glossary, then the ids", () => {
    const heads = [...report.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(heads).toEqual([
      'What this edition lacks',
      'What the application packets lack',
      'What this edition changes from the base (MI-AIMH)',
      'Cover',
      'Level 1',
      'Level 2',
      'Glossary',
      'Edition files',
      'Ids you can change',
    ]);
    expect(report).toContain('- colour `#00695c`, logo `logo.png`, US Letter, dated 2027-02-01');
  });

  it('names each change by what changed, the competency and its area', () => {
    const changes = [...report.matchAll(/^### (.+) \(`/gm)].map((m) => m[1]);
    expect(changes).toEqual([
      "Removed competency “Uses appropriate non-verbal behavior and correctly interprets others' …” in Communicating",
      'Changed competency “Helps families find, obtain and advocate for the …” in Systems Expertise',
      'Added competency “Knows the tribal and community services of the …” in Systems Expertise',
      'Removed competency “Makes families and service providers/agencies aware of community …” in Systems Expertise',
      'Changed glossary entry “Candidate”',
      'Added glossary entry “Tribal Services”',
    ]);
  });

  it('lists, per level, the ids the edition can change, with their first words', () => {
    const ids = report.slice(report.indexOf('## Ids you can change'));
    expect([...ids.matchAll(/^### (.+)$/gm)].map((m) => m[1])).toEqual([
      'Level 1',
      'Level 2',
      'Level 3',
      'Level 4',
      'Endorsement',
      'Committee',
      'Copyright',
      'Glossary',
    ]);
    expect(ids).toContain(
      '- `l2.systems-expertise` area: Systems Expertise\n- `l2.systems-expertise.assists-families-to-anticipate-obtain` competency: Helps families find, obtain and advocate for the …\n',
    );
    expect(ids).toContain(
      '- `cascadia.l2.systems-expertise.tribal-services` competency: Knows the tribal and community services of the …',
    );
    expect(ids).toContain('- `glossary.candidate` glossary entry: Candidate');
  });
});

describe("the README's figures of a build", () => {
  it("are what the build of these sources prints: the pages of Texas's booklet, the files and PDF pages in all", () => {
    const files = manifest().files;
    const texas = files.find((f) => f.path === 'texas/competency-guidelines.pdf')!;
    const pages = files.reduce((n, f) => n + (f.pages ?? 0), 0);
    const tagged = files.filter((f) => f.kind !== 'print').reduce((n, f) => n + (f.pages ?? 0), 0);
    expect(readme).toContain(`texas/competency-guidelines.pdf (${texas.pages} pages)`);
    expect(readme).toContain(`\`${files.length} files, ${pages} PDF pages in out/`);
    expect(documentation).toContain(
      `(${pages} PDF pages, as the build prints: ${tagged} tagged pages in the booklets and packets, the rates count these, and ${pages - tagged} in the print PDFs)`,
    );
  });
});
