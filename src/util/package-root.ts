// The publisher's own folder (package.json, src/, package-lock.json), found by walking up from a module: the same
// folder whether src/ runs through tsx or as a compiled copy elsewhere in the project (the tests run one).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'competency-guidelines-publisher';

export function packageRoot(moduleUrl: string): string {
  for (let dir = dirname(fileURLToPath(moduleUrl)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json of ${NAME} above ${fileURLToPath(moduleUrl)}`);
  }
}
