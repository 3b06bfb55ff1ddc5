// templates/: the staff-editable packet template, checked like the sources.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PacketTemplate } from '../model/templates.js';
import type { Diagnostics } from '../model/diagnostics.js';
import { readText } from './files.js';
import { readYaml } from './yaml.js';

export const PACKET_TEMPLATE = 'templates/packet.yaml';

export function readPacketTemplate(project: string, diag: Diagnostics): PacketTemplate | null {
  const abs = join(project, PACKET_TEMPLATE);
  if (!existsSync(abs)) {
    diag.error(
      { file: PACKET_TEMPLATE, line: 1, column: 1 },
      'the packet template is missing',
      'templates/packet.yaml (see the copy in the repository)',
    );
    return null;
  }
  const text = readText(abs, PACKET_TEMPLATE, diag);
  return text == null ? null : (readYaml(PACKET_TEMPLATE, text, PacketTemplate, diag)?.value ?? null);
}
