// Sends each valid roster row its personalized packet, once: the send log in DIR says what went out.
import { sha256 } from '../util/hash.js';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { resolveEdition, type Edition } from '../editions/edition.js';
import { fileNameParts, packetFileName, readRoster, type Applicant } from '../mailmerge/roster.js';
import { writeAtomic } from '../util/write-atomic.js';
import { createRenderContext } from '../pipeline/context.js';
import { loadSource } from '../editions/source.js';
import { composeMessage, type Attachment } from './message.js';
import { ensurePackets } from './packets.js';
import { MachineFault, onPath } from '../util/machine-fault.js';
import { appendRecord, EML_DIR, readSendLog, SEND_LOG, sendKey, type IntentRecord } from './send-log.js';
import {
  answeredNo,
  DeliveryError,
  deliver,
  describeStop,
  NO_ENCRYPTION,
  offersNoEncryption,
  refusalOf,
  SmtpConfigError,
  type SmtpServer,
} from './smtp.js';
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
  /** Roster lines to send again whatever the send log says (a row that may have been sent, say). */
  resend?: number[];
  perMinute: number;
  remake: boolean;
  /** One line for the terminal (stderr). */
  say: (line: string) => void;
  /** A line staff must see even with --quiet (a row that failed or may have been sent, a warning); `say` when not given. */
  warn?: (line: string) => void;
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
  /** Rows that may have been sent (the send log has the intent but not the server's answer): not sent again by themselves. */
  uncertain: string[];
  /** Why the run stopped before the end, and how many were left unsent; `fault` when our own machine failed. */
  stopped: { why: string; left: number; fault?: MachineFault } | null;
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sendPackets(opts: SendOptions): Promise<SendResult> {
  const now = opts.now ?? (() => new Date());
  const warn = opts.warn ?? opts.say;
  const tree = loadSource(opts.project, createRenderContext({ project: opts.project, keep: true }).store);
  const template = readEmailTemplate(opts.project);
  const editions = new Map(tree.editions.map((s) => [s.id, resolveEdition(tree, s)]));
  const rosterName = basename(opts.roster);
  const roster = await readRoster(opts.roster, editions, { sheet: opts.sheet });

  // From: the edition's office address or --from; refuse before anything is made or sent.
  const used = [...new Set(roster.applicants.map((a) => a.edition))].map((id) => editions.get(id)!);
  if (!opts.from) {
    const lacking = used.filter((e) => !e.settings.office?.email).map((e) => e.id);
    if (lacking.length) {
      throw new SendUsageError(
        `no From address for ${lacking.map((id) => `"${id}"`).join(', ')}: ${lacking.map((id) => `source/editions/${id}/edition.yaml`).join(', ')} ${lacking.length > 1 ? 'give' : 'gives'} no office.email; expected --from office@example.org or office.email in edition.yaml`,
      );
    }
  }
  for (const e of used) {
    const missing = missingForEmail(template, e);
    if (missing.length)
      opts.say(
        `note: source/editions/${e.id}/edition.yaml gives no ${missing.join(', ')}: the e-mail leaves out the paragraph that would name it`,
      );
  }

  // The roster's checks refuse a repeated applicant, as build:packets does: one message per applicant.
  const refused = roster.rejected.map((r) => r.message);
  const applicants = roster.applicants;

  // --resend names rows to send: refuse a line that is not one before anything is made or sent.
  const resend = new Set(opts.resend ?? []);
  const rowLines = new Set(applicants.map((a) => a.line));
  for (const line of resend) {
    if (!rowLines.has(line))
      throw new SendUsageError(
        `--resend ${line}: ${rosterName} has no row to send on line ${line}; expected the line of a valid row (the header is line 1)`,
      );
  }

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
  opts.say(
    packets === 'reused'
      ? `packets: using the ${roster.applicants.length} already made in ${opts.outDir}`
      : `packets: made ${roster.applicants.length}`,
  );

  const logPath = join(opts.outDir, SEND_LOG);
  const log = readSendLog(logPath, join(opts.outDir, SEND_LOG));
  let skipped = 0;
  const uncertain: string[] = [];
  const mayHaveBeenSent = (a: Applicant, intent: { messageId: string }) =>
    `${rosterName} line ${a.line}: may have been sent (the run stopped while sending); check, then resend it with --resend ${a.line} (to ${a.email}, Message-ID ${intent.messageId})`;
  const plan: Planned[] = [];
  for (const a of applicants) {
    const name = packetFileName(a);
    const read = (file: string) => onPath(join(opts.outDir, file), 'read', () => readFileSync(join(opts.outDir, file)));
    const pdf = read(`${name}.pdf`);
    const docx = template.attachWord ? read(`${name}.docx`) : null;
    const p: Planned = {
      applicant: a,
      edition: editions.get(a.edition)!,
      name,
      pdf,
      docx,
      sha256: sha256(pdf),
      ...(docx ? { docxSha256: sha256(docx) } : {}),
    };
    const entry = log.get(sendKey(a));
    if (!resend.has(a.line)) {
      // Never by itself: the applicant may already have it, and only staff can find out.
      if (entry?.uncertain) {
        uncertain.push(mayHaveBeenSent(a, entry.uncertain));
        continue;
      }
      const before = entry?.sent;
      if (before) {
        const changed = before.sha256 !== p.sha256 || (docx !== null && before.docxSha256 !== p.docxSha256);
        if (!changed || !opts.resendChanged) {
          skipped++;
          if (changed)
            opts.say(
              `${rosterName} line ${a.line}: the packet changed since it was sent to ${a.email}; not sent again (--resend-changed sends it)`,
            );
          continue;
        }
      }
    }
    plan.push(p);
  }
  for (const line of uncertain) warn(line);

  const messageOf = async (p: Planned) => {
    const a = p.applicant;
    const s = p.edition.settings;
    const level = p.edition.guidelines.levels.find((l) => l.level === a.level)!;
    const base = {
      firstName: a.first_name,
      lastName: a.last_name,
      association: s.association.name,
      abbreviation: s.association.abbreviation,
      level: String(a.level),
      levelTitle: level.title,
      ...officeVars(p.edition),
    };
    // The attachment's name is built from the name's slug, never the raw input (no controls, no bidi tricks).
    const { first, last } = fileNameParts(a);
    const fileBase = attachmentBaseName(template, {
      ...base,
      firstName: first,
      lastName: last || (first ? '' : 'applicant'),
      attachment: '',
    });
    const attachments: Attachment[] = [{ filename: `${fileBase}.pdf`, content: p.pdf, contentType: 'application/pdf' }];
    if (p.docx)
      attachments.push({
        filename: `${fileBase}.docx`,
        content: p.docx,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      });
    const { subject, text } = fillEmail(template, {
      ...base,
      attachment: attachments.map((f) => f.filename).join(' and '),
    });
    const from = { name: s.office?.name ?? s.association.name, address: opts.from ?? s.office!.email! };
    return composeMessage({
      from,
      applicant: a,
      subject,
      text,
      attachments,
      packetSha256: p.sha256 + (p.docxSha256 ?? ''),
      date: now(),
    });
  };

  if (opts.dryRun) {
    const dir = join(opts.outDir, EML_DIR);
    // The folder shows this dry run only: what a send would send now.
    onPath(dir, 'write', () => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    });
    for (const p of plan) {
      const raw = (await messageOf(p)).raw;
      const path = join(dir, `${p.name}.eml`);
      onPath(path, 'write', () => writeAtomic(path, raw));
    }
    return { packets, sent: plan.length, skipped, refused, failed: [], uncertain, stopped: null };
  }

  const server = opts.smtp!;
  const failed: string[] = [];
  let done = 0;
  let stopped: SendResult['stopped'] = null;
  let warned = false;
  const interval = 60_000 / opts.perMinute;
  let lastStart = -Infinity;
  for (const [i, p] of plan.entries()) {
    const a = p.applicant;
    const wait = lastStart + interval - performance.now();
    if (wait > 0) await sleep(wait);
    lastStart = performance.now();
    const message = await messageOf(p);
    const row: Omit<IntentRecord, 'status'> = {
      line: a.line,
      email: a.email,
      edition: a.edition,
      level: a.level,
      packet: `${p.name}.pdf`,
      sha256: p.sha256,
      ...(p.docxSha256 ? { docxSha256: p.docxSha256 } : {}),
      messageId: message.messageId,
    };
    let response: string;
    try {
      ({ response } = await deliver(server, message.envelope, message.raw, (encrypted) => {
        if (!encrypted && server.credentials && server.insecureAllowedBy && !warned) {
          warned = true;
          warn(
            `warning: the connection to ${server.shown} is not encrypted: the password and the messages are sent in clear (allowed by ${server.insecureAllowedBy})`,
          );
        }
        // On disk before the message goes out; if it cannot be written, the message is not sent.
        appendRecord(logPath, { status: 'sending', ...row });
      }));
    } catch (e) {
      if (e instanceof MachineFault) {
        stopped = { why: e.message, left: plan.length - i, fault: e };
        break;
      }
      if (!(e instanceof DeliveryError)) throw e;
      const err = e.error;
      if (e.sending && !answeredNo(err)) {
        // No answer after the message started out: the server may have taken it.
        uncertain.push(mayHaveBeenSent(a, message));
        warn(uncertain[uncertain.length - 1]);
        stopped = { why: describeStop(err, server), left: plan.length - i - 1 };
        break;
      }
      if (e.sending) {
        // The server said no: the message was not sent, and a re-run tries it again.
        try {
          appendRecord(logPath, {
            status: 'refused',
            ...row,
            server: server.redact(
              ((err as { response?: string }).response ?? (err as Error).message).replace(/\s+/g, ' ').trim(),
            ),
          });
        } catch (f) {
          if (!(f instanceof MachineFault)) throw f;
          uncertain.push(mayHaveBeenSent(a, message));
          warn(uncertain[uncertain.length - 1]);
          stopped = { why: f.message, left: plan.length - i - 1, fault: f };
          break;
        }
      }
      const refusal = refusalOf(err);
      if (refusal === null) {
        if (offersNoEncryption(err) && done === 0 && failed.length === 0) {
          throw new SmtpConfigError(
            `${NO_ENCRYPTION} (${server.shown}); nothing was sent. Expected smtps://…:465 or a server that offers STARTTLS (--allow-insecure sends it in clear anyway)`,
          );
        }
        stopped = { why: describeStop(err, server), left: plan.length - i };
        break;
      }
      failed.push(
        server.redact(
          `${rosterName} line ${a.line}: the mail server refused the message to ${a.email} (${refusal}); not sent`,
        ),
      );
      warn(failed[failed.length - 1]);
      continue;
    }
    done++;
    try {
      appendRecord(logPath, { status: 'accepted', ...row, server: server.redact(response) });
    } catch (e) {
      if (!(e instanceof MachineFault)) throw e;
      // Sent, but not on record: its intent stands, so no run sends it again by itself.
      uncertain.push(
        `${rosterName} line ${a.line}: sent (the mail server accepted it), but the send log could not record it; it is not sent again by itself (--resend ${a.line} sends it again)`,
      );
      warn(uncertain[uncertain.length - 1]);
      stopped = { why: e.message, left: plan.length - i - 1, fault: e };
      break;
    }
    opts.status?.(
      `sent ${done + failed.length}/${plan.length}: ${rosterName} line ${a.line} to ${a.email}`,
      done + failed.length === plan.length,
    );
  }
  return { packets, sent: done, skipped, refused, failed, uncertain, stopped };
}
