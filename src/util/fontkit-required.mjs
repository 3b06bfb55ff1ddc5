// fontkit as pdfkit loads it (its CommonJS build, required from node_modules), for the compiled copy of src/
// (util/code-copy.mjs aliases `fontkit` to this file): an `import 'fontkit'` bundled its ES module build besides, whose
// tables (Unicode properties, the Brotli dictionary) every thread then unpacked twice at its start.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');

export const create = (...args) => fontkit.create(...args);
