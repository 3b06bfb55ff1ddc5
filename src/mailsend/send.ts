// Sends each valid roster row its personalized packet, once: the send log in DIR says what went out.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resolveEdition, type Edition } from '../editions/edition.js';
import { fileNameParts, packetFileName, readRoster, type Applicant } from '../mailmerge/roster.js';
import { writeAtomic } from '../mailmerge/write-atomic.js';
import { keepParsedSource } from '../pipeline/parsed-source.js';
import { loadSource } from '../read/source.js';
import { composeMessage, type Attachment } from './message.js';
import { ensurePackets } from './packets.js';
import { EML_DIR, readSendLog, SEND_LOG, SendLog, sendKey } from './send-log.js';
import { createTransport, describeStop, refusalOf, type SmtpServer } from './smtp.js';
import { attachmentBaseName, fillEmail, missingForEmail, officeVars, readEmailTemplate } from './template.js';

/** A bad command line or setup (no From address): exit code 2, nothing sent. */
export class SendUsageError extends Error {}

export { EML_DIR };

export interface SendOptions {
  project: string;
  roster: string;
  /** The sheet of an .xlsx roster (default: the first). */
  sheet?: string;
  outDir: string;
  /** Overrides every edition's office.email. */
  from?: string;
  /** null with dryRun. */
  smtp: SmtpServer | null;
  dryRun: boolean;
  resendChanged: boolean;
  perMinute: number;
  remake: boolean;
  /** One line for the terminal (stderr). */
  say: (line: string) => void;
  /** A status that replaces the previous one (a progress line); `final` for the last. */
  status?: (line: string, final: boolean) => void;
  now?: () => Date;
}

export interface SendResult {
  packets: 'reused' | 'made';
  /** Sent (or, with dryRun, written as .eml). */
  sent: number;
  skipped: number;
  refused: string[];
  failed: string[];
  /** Why the run stopped before the end, and how many were left unsent. */
  stopped: { why: string; left: number } | null;
}

interface Planned {
  applicant: Applicant;
  edition: Edition;
  name: string;
  pdf: Buffer;
  docx: Buffer | null;
  sha256: string;
  docxSha256?: string;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sendPackets(opts: SendOptions): Promise<SendResult> {
  const now = opts.now ?? (() => new Date());
  keepParsedSource(opts.project);
  const tree = loadSource(opts.project);
  const template = readEmailTemplate(opts.project);
  const editions = new Map(tree.editions.map((s) => [s.id, resolveEdition(tree, s)]));
  const rosterName = basename(opts.roster);
  const roster = await readRoster(opts.roster, editions, { sheet: opts.sheet });

  // From: the edition's office address or --from; refuse before anything is made or sent.
  const used = [...new Set(roster.applicants.map((a) => a.edition))].map((id) => editions.get(id)!);
  if (!opts.from) {
    const lacking = used.filter((e) => !e.settings.office?.email).map((e) => e.id);
    if (lacking.length) {
      throw new SendUsageError(`no From address for ${lacking.map((id) => `"${id}"`).join(', ')}: ${lacking.map((id) => `source/editions/${id}/edition.yaml`).join(', ')} ${lacking.length > 1 ? 'give' : 'gives'} no office.email; expected --from office@example.org or office.email in edition.yaml`);
    }
  }
  for (const e of used) {
    const missing = missingForEmail(template, e);
    if (missing.length) opts.say(`note: source/editions/${e.id}/edition.yaml gives no ${missing.join(', ')}: the e-mail leaves out the paragraph that would name it`);
  }

  // The roster's checks refuse a repeated applicant, as build:packets does: one message per applicant.
  const refused = roster.rejected.map((r) => r.message);
  const applicants = roster.applicants;

  const packets = await ensurePackets({
    project: opts.project,
    roster: opts.roster,
    sheet: opts.sheet,
    outDir: opts.outDir,
    applicants: roster.applicants,
    remake: opts.remake,
    progress: (step) => {
      if (step.phase === 'packets') opts.status?.(`packets: ${step.done}/${step.total}`, step.done === step.total);
    },
  });
  opts.say(packets === 'reused' ? `packets: using the ${roster.applicants.length} already made in ${opts.outDir}` : `packets: made ${roster.applicants.length}`);

  const logPath = join(opts.outDir, SEND_LOG);
  const sent = readSendLog(logPath, join(opts.outDir, SEND_LOG));
  let skipped = 0;
  const plan: Planned[] = [];
  for (const a of applicants) {
    const name = packetFileName(a);
    const pdf = readFileSync(join(opts.outDir, `${name}.pdf`));
    const docx = template.attachWord ? readFileSync(join(opts.outDir, `${name}.docx`)) : null;
    const p: Planned = { applicant: a, edition: editions.get(a.edition)!, name, pdf, docx, sha256: sha(pdf), ...(docx ? { docxSha256: sha(docx) } : {}) };
    const before = sent.get(sendKey(a));
    if (before) {
      const changed = before.sha256 !== p.sha256 || (docx !== null && before.docxSha256 !== p.docxSha256);
      if (!changed || !opts.resendChanged) {
        skipped++;
        if (changed) opts.say(`${rosterName} line ${a.line}: the packet changed since it was sent to ${a.email}; not sent again (--resend-changed sends it)`);
        continue;
      }
    }
    plan.push(p);
  }

  const messageOf = async (p: Planned) => {
    const a = p.applicant;
    const s = p.edition.settings;
    const level = p.edition.guidelines.levels.find((l) => l.level === a.level)!;
    const base = { firstName: a.first_name, lastName: a.last_name, association: s.association.name, abbreviation: s.association.abbreviation, level: String(a.level), levelTitle: level.title, ...officeVars(p.edition) };
    // The attachment's name is built from the name's slug, never the raw input (no controls, no bidi tricks).
    const { first, last } = fileNameParts(a);
    const fileBase = attachmentBaseName(template, { ...base, firstName: first, lastName: last || (first ? '' : 'applicant'), attachment: '' });
    const attachments: Attachment[] = [{ filename: `${fileBase}.pdf`, content: p.pdf, contentType: 'application/pdf' }];
    if (p.docx) attachments.push({ filename: `${fileBase}.docx`, content: p.docx, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const { subject, text } = fillEmail(template, { ...base, attachment: attachments.map((f) => f.filename).join(' and ') });
    const from = { name: s.office?.name ?? s.association.name, address: opts.from ?? s.office!.email! };
    return composeMessage({ from, applicant: a, subject, text, attachments, packetSha256: p.sha256 + (p.docxSha256 ?? ''), date: now() });
  };

  if (opts.dryRun) {
    const dir = join(opts.outDir, EML_DIR);
    // The folder shows this dry run only: what a send would send now.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const p of plan) writeAtomic(join(dir, `${p.name}.eml`), (await messageOf(p)).raw);
    return { packets, sent: plan.length, skipped, refused, failed: [], stopped: null };
  }

  const server = opts.smtp!;
  const transport = createTransport(server);
  const log = new SendLog(logPath);
  const failed: string[] = [];
  let done = 0;
  let stopped: SendResult['stopped'] = null;
  const interval = 60_000 / opts.perMinute;
  let lastStart = -Infinity;
  try {
    for (const [i, p] of plan.entries()) {
      const a = p.applicant;
      const wait = lastStart + interval - performance.now();
      if (wait > 0) await sleep(wait);
      lastStart = performance.now();
      const message = await messageOf(p);
      try {
        const info = await transport.sendMail({ envelope: message.envelope, raw: message.raw });
        log.append({ line: a.line, email: a.email, edition: a.edition, level: a.level, packet: `${p.name}.pdf`, sha256: p.sha256, ...(p.docxSha256 ? { docxSha256: p.docxSha256 } : {}), messageId: message.messageId, server: server.redact(String(info.response)) });
        done++;
        opts.status?.(`sent ${done + failed.length}/${plan.length}: ${rosterName} line ${a.line} to ${a.email}`, done + failed.length === plan.length);
      } catch (e) {
        const refusal = refusalOf(e);
        if (refusal === null) {
          stopped = { why: describeStop(e, server), left: plan.length - i };
          break;
        }
        failed.push(server.redact(`${rosterName} line ${a.line}: the mail server refused the message to ${a.email} (${refusal}); not sent`));
        opts.say(failed[failed.length - 1]);
      }
    }
  } finally {
    log.close();
    transport.close();
  }
  return { packets, sent: done, skipped, refused, failed, stopped };
}
