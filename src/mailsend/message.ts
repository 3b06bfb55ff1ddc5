// One applicant's message as the exact bytes that are sent (or written as .eml by --dry-run).
import { sha256 } from '../util/hash.js';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Applicant } from '../mailmerge/roster.js';

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MessageInput {
  from: { name: string; address: string };
  applicant: Applicant;
  subject: string;
  text: string;
  attachments: Attachment[];
  /** Ties the message id and MIME boundaries to what is sent, so the same packet gives the same message. */
  packetSha256: string;
  date: Date;
}

export interface Message {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

export async function composeMessage(m: MessageInput): Promise<Message> {
  const a = m.applicant;
  const id = sha256(`${a.email.toLowerCase()}\0${a.line}\0${m.packetSha256}`);
  const domain = m.from.address.split('@').pop()!;
  const messageId = `<packet-${id.slice(0, 32)}@${domain}>`;
  const mail = new MailComposer({
    from: m.from,
    to: { name: `${a.first_name} ${a.last_name}`, address: a.email },
    subject: m.subject,
    // CRLF throughout, as SMTP sends it: the .eml of a dry run is then the exact bytes sent.
    text: m.text.replace(/\r?\n/g, '\r\n'),
    attachments: m.attachments,
    messageId,
    date: m.date,
    baseBoundary: id.slice(32, 48),
  });
  const raw = await mail.compile().build();
  return { raw, messageId, envelope: { from: m.from.address, to: [a.email] } };
}
