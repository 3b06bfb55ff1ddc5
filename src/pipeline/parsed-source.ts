// Parsed source trees kept beside the document cache (read/markdown.ts), so that the next command reads them back.
import { join } from 'node:path';
import { keepParsedTrees } from '../read/markdown.js';
import { generatorKey } from './cache.js';
import { cacheDirOf, PARSED_DIR } from './document-cache.js';

export function keepParsedSource(project: string): void {
  keepParsedTrees(join(cacheDirOf(project), PARSED_DIR), generatorKey());
}
