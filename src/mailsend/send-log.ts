// DIR/send-log.jsonl: one line per message the mail server accepted, so nothing is sent twice.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../model/diagnostics.js';

/** The folder of a dry run's messages, beside the send log. */
export const EML_DIR = 'eml';

export const SEND_LOG = 'send-log.jsonl';

export const SendRecord = z
  .object({
    line: z.number().int(),
    email: z.string(),
    edition: z.string(),
    level: z.number().int(),
    packet: z.string(),
    /** sha256 of the attached PDF (and of the Word file, when the template attaches it). */
    sha256: z.string(),
    docxSha256: z.string().optional(),
    messageId: z.string(),
    /** The server's reply to the message, which names its queue id. */
    server: z.string(),
  })
  .strict();
export type SendRecord = z.infer<typeof SendRecord>;

/** An applicant's packet is one message: the same address, edition and level is the same applicant. */
export const sendKey = (r: { email: string; edition: string; level: number }) => `${r.email.toLowerCase()}\0${r.edition}\0${r.level}`;

/** The last record for each applicant (a changed packet sent again supersedes the first). */
export function readSendLog(path: string, shownAs: string): Map<string, SendRecord> {
  const sent = new Map<string, SendRecord>();
  if (!existsSync(path)) return sent;
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    let record: SendRecord;
    try {
      record = SendRecord.parse(JSON.parse(text));
    } catch {
      throw new InputError([`${shownAs} line ${i + 1}: not a send record; expected one JSON object per line as send:packets writes them (fix or delete that line; deleting it means that message is sent again)`]);
    }
    sent.set(sendKey(record), record);
  });
  return sent;
}

export class SendLog {
  private fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }
  /** Appends and flushes to disk before the next message goes out. */
  append(r: SendRecord): void {
    writeSync(this.fd, JSON.stringify(r) + '\n');
    fsyncSync(this.fd);
  }
  close(): void {
    closeSync(this.fd);
  }
}
