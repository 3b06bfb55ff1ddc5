// An edition's logo: a PNG or JPEG inside its folder, checked by its bytes, not its name.
import { existsSync, readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import type { Logo, SourcePos } from '../model/schema.js';
import type { Diagnostics } from '../model/diagnostics.js';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

export function readLogo(path: string, at: SourcePos, diag: Diagnostics): Logo | undefined {
  if (!existsSync(path)) {
    diag.error(
      at,
      `the logo file "${path.split('/').pop()}" is not in the edition folder`,
      'a PNG or JPEG file next to edition.yaml',
    );
    return undefined;
  }
  const bytes = readFileSync(path);
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const type = starts(PNG) ? 'png' : starts(JPEG) ? 'jpg' : null;
  if (!type) {
    diag.error(
      at,
      `the logo "${path.split('/').pop()}" is not a PNG or JPEG image`,
      'a PNG or JPEG file (export it again as PNG)',
    );
    return undefined;
  }
  try {
    const size = imageSize(bytes);
    if (!size.width || !size.height) throw new Error('no size');
    return { type, bytes: new Uint8Array(bytes), width: size.width, height: size.height };
  } catch {
    diag.error(
      at,
      `the logo "${path.split('/').pop()}" is a damaged image`,
      'a PNG or JPEG file that opens in an image viewer',
    );
    return undefined;
  }
}
