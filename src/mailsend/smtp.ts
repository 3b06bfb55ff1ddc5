// The mail server from SMTP_URL, with the credentials kept out of every message we print.
import nodemailer from 'nodemailer';

export class SmtpConfigError extends Error {}

export interface SmtpServer {
  url: string;
  /** The server without user or password, for messages: smtp://mail.example.org:587 */
  shown: string;
  /** Removes the credentials (and the URL that holds them) from any text. */
  redact: (s: string) => string;
}

export function smtpFromEnv(value: string | undefined): SmtpServer {
  const expected = 'expected SMTP_URL=smtp://user:password@mail.example.org:587 (STARTTLS where offered) or smtps://…:465';
  if (!value) throw new SmtpConfigError(`SMTP_URL is not set; ${expected}`);
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new SmtpConfigError(`SMTP_URL is not a URL; ${expected}`);
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new SmtpConfigError(`SMTP_URL starts with "${u.protocol}"; ${expected}`);
  if (!u.hostname) throw new SmtpConfigError(`SMTP_URL names no server; ${expected}`);
  const shown = `${u.protocol}//${u.host}`;
  const secrets = [value, u.password, decodeURIComponent(u.password), u.username, decodeURIComponent(u.username)]
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  const redact = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join(secret === value ? shown : '***'), s);
  return { url: value, shown, redact };
}

export function createTransport(server: SmtpServer) {
  // Timeouts short enough that a dead server stops the run soon; the URL's query may override them.
  return nodemailer.createTransport({ url: server.url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000, logger: false, debug: false });
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

/**
 * A refusal of this recipient or this message (4xx/5xx to RCPT TO or DATA): the row fails and
 * the run goes on. Anything else (no connection, timeout, login refused, 421 closing) stops it.
 */
export function refusalOf(e: unknown): string | null {
  const err = e as SmtpError;
  const code = err.responseCode ?? 0;
  if (code >= 400 && code !== 421 && (err.command === 'RCPT TO' || err.command === 'DATA')) {
    return (err.response ?? err.message).replace(/\s+/g, ' ').trim();
  }
  return null;
}

export function describeStop(e: unknown, server: SmtpServer): string {
  const err = e as SmtpError;
  const why =
    err.code === 'ETIMEDOUT'
      ? 'the mail server did not answer in time'
      : err.code === 'EAUTH'
        ? 'the mail server refused the login'
        : err.code === 'ECONNECTION' || err.code === 'ESOCKET' || err.code === 'EDNS'
          ? 'cannot reach the mail server, or it closed the connection'
          : 'the mail server stopped the run';
  const detail = (err.response ?? err.message ?? String(e)).replace(/\s+/g, ' ').trim();
  return server.redact(`${why} (${server.shown}: ${detail})`);
}
