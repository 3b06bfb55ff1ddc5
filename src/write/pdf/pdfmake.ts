// One configured pdfmake instance: fonts from memory, no network, no files outside the project.
import { createRequire } from 'node:module';
import { loadFonts } from './fonts.js';

const require = createRequire(import.meta.url);
// pdfmake ships CommonJS without types for its server build.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const pdfmake: any = require('pdfmake');

let ready = false;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getPdfmake(): any {
  if (!ready) {
    const { files, descriptors } = loadFonts();
    for (const [name, bytes] of files) pdfmake.virtualfs.writeFileSync(name, bytes);
    pdfmake.setFonts(descriptors);
    // Everything the PDF embeds is already in memory: refuse every URL and local path.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    ready = true;
  }
  return pdfmake;
}
