// The web edition's search: a MiniSearch index of every section (a heading and the text under it)
// built here, written as a script the search page loads with MiniSearch's own browser build. No
// server is needed: the page works from a folder on disk as well as from a web server.
import { packageFile } from './package-files.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import MiniSearch from 'minisearch';
import type { WebFile } from './web-file.js';

const require = createRequire(import.meta.url);

/** One searchable section: where it is, its heading, its text. */
export interface Section {
  id: string;
  href: string;
  title: string;
  page: string;
  text: string;
}

/** Fields and options the page's script must load the index with (the same as here). */
export const SEARCH_OPTIONS = { fields: ['title', 'text'], storeFields: ['title', 'page', 'href'] };

export function searchFiles(sections: Section[]): WebFile[] {
  const index = new MiniSearch<Section>(SEARCH_OPTIONS);
  index.addAll(sections);
  const script = `window.SEARCH_INDEX = ${JSON.stringify(JSON.stringify(index))};\nwindow.SEARCH_OPTIONS = ${JSON.stringify(SEARCH_OPTIONS)};\n`;
  const enc = new TextEncoder();
  return [
    { path: 'search-index.js', bytes: enc.encode(script) },
    // The browser build (UMD) beside the package's CommonJS one: its exports map names only the module builds.
    {
      path: 'minisearch.js',
      bytes: packageFile(join(dirname(require.resolve('minisearch')), '..', 'umd', 'index.js')),
    },
  ];
}
