// DIR/send-log.jsonl: for each message, the intent to send it (written before it goes out) and then
// what the server said, so a message is sent at most once, even when the run dies or our disk fails.
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { InputError } from '../model/diagnostics.js';
import { onPath } from '../util/machine-fault.js';

/** The folder of a dry run's messages, beside the send log. */
export const EML_DIR = 'eml';

export const SEND_LOG = 'send-log.jsonl';

const Row = {
  line: z.number().int(),
  email: z.string(),
  edition: z.string(),
  level: z.number().int(),
  packet: z.string(),
  /** sha256 of the attached PDF (and of the Word file, when the template attaches it). */
  sha256: z.string(),
  docxSha256: z.string().optional(),
  messageId: z.string(),
};

/** Written and flushed before the message goes out: until a later record settles it, it may have been sent. */
export const IntentRecord = z.object({ status: z.literal('sending'), ...Row }).strict();
export type IntentRecord = z.infer<typeof IntentRecord>;

/** The server accepted the message. (Logs written before intents were recorded have no status.) */
export const SendRecord = z
  .object({
    status: z.literal('accepted').optional(),
    ...Row,
    /** The server's reply to the message, which names its queue id. */
    server: z.string(),
  })
  .strict();
export type SendRecord = z.infer<typeof SendRecord>;

/** The server answered that it does not take the message: it was not sent, and a re-run tries again. */
export const RefusedRecord = z.object({ status: z.literal('refused'), ...Row, server: z.string() }).strict();
export type RefusedRecord = z.infer<typeof RefusedRecord>;

const LogRecord = z.union([IntentRecord, SendRecord, RefusedRecord]);
type LogRecord = z.infer<typeof LogRecord>;

/** What the log knows of one applicant. */
export interface LogEntry {
  /** The last message the server accepted (a changed packet sent again supersedes the first). */
  sent?: SendRecord;
  /** A message that was going out when the run stopped: it may have been sent. */
  uncertain?: IntentRecord;
}

/** An applicant's packet is one message: the same address, edition and level is the same applicant. */
export const sendKey = (r: { email: string; edition: string; level: number }) =>
  `${r.email.toLowerCase()}\0${r.edition}\0${r.level}`;

/** A record cut short by a failed write: it was never acted on (see appendRecord), so it is skipped. */
const TORN = /^\{"status":"(sending|accepted|refused)"/;

export function readSendLog(path: string, shownAs: string): Map<string, LogEntry> {
  const entries = new Map<string, LogEntry>();
  if (!existsSync(path)) return entries;
  const lines = onPath(path, 'read', () => readFileSync(path, 'utf8')).split('\n');
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (TORN.test(text)) return;
    }
    const parsed = LogRecord.safeParse(json);
    if (!parsed.success) {
      throw new InputError([
        `${shownAs} line ${i + 1}: not a send record; expected one JSON object per line as send:packets writes them (fix or delete that line; deleting it means that message is sent again)`,
      ]);
    }
    const r: LogRecord = parsed.data;
    const key = sendKey(r);
    const entry = entries.get(key) ?? {};
    if (r.status === 'sending') entry.uncertain = r;
    else {
      if (entry.uncertain?.messageId === r.messageId) delete entry.uncertain;
      if (r.status !== 'refused') entry.sent = r;
    }
    entries.set(key, entry);
  });
  return entries;
}

/**
 * Appends one record and flushes it to disk before returning. A fault of the machine comes out as
 * a MachineFault naming the log. A record that fails half-written is skipped when read: an intent
 * that failed stopped the message, and a later record that failed leaves its intent standing.
 */
export function appendRecord(path: string, record: IntentRecord | SendRecord | RefusedRecord): void {
  onPath(path, 'write', () => {
    const fresh = !existsSync(path);
    let text = JSON.stringify(record) + '\n';
    const fd = openSync(path, 'a+');
    try {
      const size = fstatSync(fd).size;
      if (size > 0) {
        // After a torn record, start on a line of our own.
        const last = Buffer.alloc(1);
        readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) text = '\n' + text;
      }
      const bytes = Buffer.from(text);
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // A new file's name is on disk only once its folder is flushed too (Windows cannot open a folder so).
    if (fresh && process.platform !== 'win32') {
      const dir = openSync(dirname(path), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
  });
}
