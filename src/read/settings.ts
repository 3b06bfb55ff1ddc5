// edition.yaml to EditionSettings.
import { EditionSettings } from '../model/settings.js';
import type { SourcePos } from '../model/schema.js';
import type { Diagnostics } from '../model/diagnostics.js';
import { readYaml } from './yaml.js';

export interface SettingsRead {
  settings: EditionSettings;
  locate: (path: (string | number)[]) => SourcePos;
}

export function readSettings(file: string, text: string, diag: Diagnostics): SettingsRead | null {
  const r = readYaml(file, text, EditionSettings, diag);
  return r ? { settings: r.value, locate: r.locate } : null;
}
