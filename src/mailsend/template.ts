// templates/email.yaml: the staff-editable e-mail that carries a packet, checked like the other templates.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Diagnostics, InputError } from '../model/diagnostics.js';
import type { Edition } from '../editions/edition.js';
import { readText } from '../read/files.js';
import { readYaml } from '../read/yaml.js';

export const EMAIL_TEMPLATE = 'templates/email.yaml';

const Text = z.string().min(1);
export const EmailTemplate = z
  .object({
    subject: Text,
    body: z.array(Text).min(1),
    attachmentName: Text,
    attachWord: z.boolean().default(false),
  })
  .strict();
export type EmailTemplate = z.infer<typeof EmailTemplate>;

/** Always known for an applicant. */
const ALWAYS = [
  'firstName',
  'lastName',
  'association',
  'abbreviation',
  'level',
  'levelTitle',
  'officeName',
  'attachment',
] as const;
/** From the edition's `office`, which may lack them: only in the body, whose paragraph is then left out. */
const OPTIONAL = ['officeAddress', 'officePhone', 'officeEmail'] as const;
export type EmailVars = Record<(typeof ALWAYS)[number], string> & Partial<Record<(typeof OPTIONAL)[number], string>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Reads and checks templates/email.yaml; throws InputError naming file:line of every problem. */
export function readEmailTemplate(project: string): EmailTemplate {
  const diag = new Diagnostics();
  const abs = join(project, EMAIL_TEMPLATE);
  if (!existsSync(abs))
    throw new InputError([
      `${EMAIL_TEMPLATE}:1:1: the e-mail template is missing; expected templates/email.yaml (see the copy in the repository)`,
    ]);
  const text = readText(abs, EMAIL_TEMPLATE, diag);
  const read = text == null ? null : readYaml(EMAIL_TEMPLATE, text, EmailTemplate, diag);
  if (read) {
    const check = (path: (string | number)[], value: string, allowed: readonly string[]) => {
      for (const [, name] of value.matchAll(PLACEHOLDER)) {
        if (allowed.includes(name)) continue;
        const where = (OPTIONAL as readonly string[]).includes(name)
          ? ` ({${name}} may be missing, so only body paragraphs may use it)`
          : '';
        diag.error(
          read.locate(path),
          `unknown placeholder {${name}}${where}`,
          `one of ${allowed.map((a) => `{${a}}`).join(' ')}`,
        );
      }
    };
    check(['subject'], read.value.subject, ALWAYS);
    check(['attachmentName'], read.value.attachmentName, ALWAYS);
    read.value.body.forEach((p, i) => check(['body', i], p, [...ALWAYS, ...OPTIONAL]));
  }
  if (!read || !diag.ok) throw new InputError(diag.messages());
  return read.value;
}

const fill = (s: string, vars: EmailVars) =>
  s.replace(PLACEHOLDER, (m, k: string) => (vars as Record<string, string | undefined>)[k] ?? m);
const usesMissing = (s: string, vars: EmailVars) =>
  [...s.matchAll(PLACEHOLDER)].some(([, k]) => (vars as Record<string, string | undefined>)[k] === undefined);

export interface EmailText {
  subject: string;
  text: string;
}

/** The subject and plain-text body; a paragraph naming a setting the edition lacks is left out. */
export function fillEmail(t: EmailTemplate, vars: EmailVars): EmailText {
  const paragraphs = t.body.filter((p) => !usesMissing(p, vars)).map((p) => fill(p, vars));
  return { subject: fill(t.subject, vars), text: paragraphs.join('\n\n') + '\n' };
}

export function attachmentBaseName(t: EmailTemplate, vars: EmailVars): string {
  // Slashes and control characters would make a bad file name in a mail program.
  return fill(t.attachmentName, vars)
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .trim();
}

/** What the edition's `office` does not give, by the placeholder the template would use. */
export function officeVars(edition: Edition): Pick<EmailVars, 'officeName' | (typeof OPTIONAL)[number]> {
  const s = edition.settings;
  return {
    // As the packet's letter: the association signs where the edition names no office.
    officeName: s.office?.name ?? s.association.name,
    ...(s.office ? { officeAddress: s.office.address.join('\n') } : {}),
    ...(s.office?.phone ? { officePhone: s.office.phone } : {}),
    ...(s.office?.email ? { officeEmail: s.office.email } : {}),
  };
}

/** Settings the template's body uses but the edition lacks, for a note before sending. */
export function missingForEmail(t: EmailTemplate, edition: Edition): string[] {
  const have = officeVars(edition) as Record<string, string | undefined>;
  const used = new Set(t.body.flatMap((p) => [...p.matchAll(PLACEHOLDER)].map(([, k]) => k)));
  const setting: Record<string, string> = {
    officeAddress: 'office.address',
    officePhone: 'office.phone',
    officeEmail: 'office.email',
  };
  return OPTIONAL.filter((k) => used.has(k) && have[k] === undefined).map((k) => setting[k]);
}
