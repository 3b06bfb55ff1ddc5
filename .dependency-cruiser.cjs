// The direction of src/'s imports (`npm run lint`; test/lint-stages.test.ts plants wrong-way imports to show the
// rules fail). src/ is in folders by stage, earliest first: a module imports from its own stage and from earlier
// ones, never from a later one. Data flows one way: markdown is read into the model, editions are put together,
// compose/ builds one document tree per booklet, packet or letter, and the writers render that tree only.
//
//   util      file system, hashes, faults of the machine: nothing of the domain
//   text xml pdf  scripts, fonts and which character each prints, escaping, placeholders; Word XML's element
//             tree; tagged PDF pages copied with their structure (by the PDF writer and the mail merge)
//   model     zod schemas of the guidelines, settings, words and templates (types and checks only)
//   read      each source file into the model, with its positions
//   editions  the base with an edition's overrides: editions/source.ts reads all of source/ through read/
//   compose   an edition into one document tree per booklet, packet or letter (compose/tree.ts)
//   write     the tree into PDF, Word, web and print files; a writer never reads model/, read/ or editions/
//   reports   what an edition changes and lacks, the ids
//   pipeline  a build: which trees, which writers, the caches and out/
//   import collect mailmerge   a Word booklet back into source/; returned packets into a sheet; packets per applicant
//   mailsend  e-mailing the merged packets
//   cli       the commands
const STAGES = [
  ['util'],
  ['text', 'xml', 'pdf'],
  ['model'],
  ['read'],
  ['editions'],
  ['compose'],
  ['write'],
  ['reports'],
  ['pipeline'],
  ['import', 'collect', 'mailmerge'],
  ['mailsend'],
  ['cli'],
];

const folders = (names) => `^src/(${names.join('|')})/`;

/** One rule per stage: nothing it holds imports from a later stage, nor from another folder of its own stage. */
const stageRules = STAGES.flatMap((stage, i) => {
  const later = STAGES.slice(i + 1).flat();
  const rules = [];
  if (later.length)
    rules.push({
      name: 'stage-order',
      comment: `${stage.join(', ')} must not import from a later stage (${later.join(', ')}): move the shared code down to text/ or util/, or the call up a stage`,
      severity: 'error',
      from: { path: folders(stage) },
      to: { path: folders(later) },
    });
  for (const own of stage) {
    const others = stage.filter((s) => s !== own);
    if (others.length)
      rules.push({
        name: 'stage-siblings',
        comment: `${own} must not import from ${others.join(', ')}, which stand beside it in the same stage`,
        severity: 'error',
        from: { path: folders([own]) },
        to: { path: folders(others) },
      });
  }
  return rules;
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...stageRules,
    {
      name: 'writers-render-the-tree',
      comment:
        'a writer renders the document tree of compose/ only: what it needs from the model, the sources or an edition comes in the tree',
      severity: 'error',
      from: { path: '^src/write/' },
      to: { path: folders(['model', 'read', 'editions']) },
    },
    {
      name: 'pdf-writer-internals',
      comment:
        "the PDF writer's fonts, scripts and tagging are its own: what a later stage needs from them belongs in text/ or pdf/",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/write/' },
      to: { path: '^src/write/pdf/(tagging/|scripts[.]ts|fonts[.]ts)' },
    },
    {
      name: 'no-circular',
      comment:
        'modules that import each other (types too): pass the one as a parameter, or move the shared part into a module of its own',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-tests',
      comment: 'src/ never imports from test/ or bench/',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    // `import type` counts: a type from a later stage is a wrong-way dependency too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js', '.json'] },
  },
};
