// A small logo for a generated edition: a square of the edition's colour with a white band, as a PNG. (No package here
// writes PNGs; an 8-bit RGB image of three chunks is all an edition's logo needs.)
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** `hex`: "#rrggbb". A `size`×`size` image, its middle fifth white, so each edition's logo differs from the others. */
export function logoPng(hex: string, size = 48): Buffer {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const white = y >= (size * 2) / 5 && y < (size * 3) / 5;
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) row.set(white ? [255, 255, 255] : [r, g, b], 1 + x * 3);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
