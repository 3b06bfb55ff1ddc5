// The mail server from SMTP_URL: credentials only over TLS, and kept out of every message we print.
import SMTPConnection, { type SMTPConnectionOptions } from 'nodemailer/lib/smtp-connection';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

export class SmtpConfigError extends Error {}

/** The one line for a server that would see the password in clear. */
export const NO_ENCRYPTION = 'the mail server offers no encryption; the password would be sent in clear';

export interface SmtpServer {
  url: string;
  /** The server without user or password, for messages: smtp://mail.example.org:587 */
  shown: string;
  /** Removes the credentials (and the URL that holds them) from any text. */
  redact: (s: string) => string;
  /** Whether SMTP_URL carries a user or password. */
  credentials: boolean;
  /** How plain text was allowed (`?insecure=true` or --allow-insecure), or null: then credentials need TLS. */
  insecureAllowedBy: string | null;
  options: SMTPConnectionOptions;
  auth: { user: string; pass: string } | null;
}

export function smtpFromEnv(value: string | undefined, opts: { allowInsecure?: boolean } = {}): SmtpServer {
  const expected = 'expected SMTP_URL=smtp://user:password@mail.example.org:587 (STARTTLS) or smtps://…:465';
  if (!value) throw new SmtpConfigError(`SMTP_URL is not set; ${expected}`);
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new SmtpConfigError(`SMTP_URL is not a URL; ${expected}`);
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:')
    throw new SmtpConfigError(`SMTP_URL starts with "${u.protocol}"; ${expected}`);
  if (!u.hostname) throw new SmtpConfigError(`SMTP_URL names no server; ${expected}`);
  const shown = `${u.protocol}//${u.host}`;
  const secrets = [value, u.password, decodeURIComponent(u.password), u.username, decodeURIComponent(u.username)]
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  const redact = (s: string) =>
    secrets.reduce((acc, secret) => acc.split(secret).join(secret === value ? shown : '***'), s);

  // Our own setting, not nodemailer's; and no setting in the URL may turn the TLS requirement off.
  const insecureParam = u.searchParams.get('insecure') === 'true';
  const requireParam = u.searchParams.get('requireTLS') === 'true';
  for (const name of ['insecure', 'requireTLS', 'ignoreTLS', 'opportunisticTLS', 'service'])
    u.searchParams.delete(name);
  const credentials = !!(u.username || u.password);
  const insecureAllowedBy = opts.allowInsecure
    ? '--allow-insecure'
    : insecureParam
      ? '?insecure=true in SMTP_URL'
      : null;
  const parsed = parseConnectionUrl(u.href);
  const auth = parsed.auth ? { user: parsed.auth.user, pass: parsed.auth.pass } : null;
  delete parsed.auth;
  const options: SMTPConnectionOptions = {
    // Timeouts short enough that a dead server stops the run soon; the URL's query may override them.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    ...(parsed as SMTPConnectionOptions),
    // Never a transaction log: it would show the login (the password in base64).
    logger: false,
    debug: false,
    transactionLog: false,
    // With a password: implicit TLS (smtps://) or a STARTTLS that must succeed, before AUTH.
    requireTLS: ((credentials && !insecureAllowedBy) || requireParam) && !parsed.secure,
  };
  return { url: value, shown, redact, credentials, insecureAllowedBy, options, auth };
}

/** A fault on the way to the server or from it; `sending` when it came after the intent was recorded. */
export class DeliveryError extends Error {
  constructor(
    readonly error: unknown,
    readonly sending: boolean,
  ) {
    super((error as Error)?.message ?? String(error));
  }
}

export interface Delivered {
  /** The server's reply to the message, which names its queue id. */
  response: string;
  /** Whether the connection was encrypted (implicit TLS or STARTTLS). */
  encrypted: boolean;
}

/**
 * Sends one message on a connection of its own: connect (with TLS as required), log in, then
 * `beforeSending()` (which records the intent; if it throws, nothing is sent), then the message.
 */
export async function deliver(
  server: SmtpServer,
  envelope: { from: string; to: string[] },
  raw: Buffer,
  beforeSending: (encrypted: boolean) => void,
): Promise<Delivered> {
  const conn = new SMTPConnection(server.options);
  let failure: unknown = null;
  let failStep: ((e: unknown) => void) | null = null;
  // Errors arrive as events as well as through callbacks; the first one fails the step under way.
  conn.on('error', (e) => {
    failure ??= e;
    failStep?.(e);
  });
  const step = <T>(start: (done: (err: unknown, value?: T) => void) => void) =>
    new Promise<T>((ok, fail) => {
      if (failure) return fail(failure);
      failStep = fail;
      start((err, value) => {
        failStep = null;
        if (err) fail(err);
        else ok(value as T);
      });
    });
  let sending = false;
  let local: unknown = null;
  try {
    await step<void>((done) => conn.connect((err) => done(err ?? null)));
    if (server.auth && conn.allowsAuth)
      await step<void>((done) => conn.login({ user: server.auth!.user, pass: server.auth!.pass }, (err) => done(err)));
    try {
      beforeSending(conn.secure);
    } catch (e) {
      // The intent could not be recorded: nothing goes out, and the fault is ours, passed on as it is.
      local = e;
      throw e;
    }
    sending = true;
    const info = await step<{ response: string }>((done) => conn.send(envelope, raw, (err, info) => done(err, info)));
    conn.quit();
    return { response: String(info.response), encrypted: conn.secure };
  } catch (e) {
    conn.close();
    if (e === local) throw e;
    throw new DeliveryError(e, sending);
  }
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

/** The server answered the message with a refusal: it did not take it (it was not sent). */
export function answeredNo(e: unknown): boolean {
  const code = (e as SmtpError).responseCode ?? 0;
  return code >= 400;
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

/** The server refused STARTTLS (or does not speak EHLO), so TLS could not be had before AUTH. */
export function offersNoEncryption(e: unknown): boolean {
  const err = e as SmtpError;
  return (
    (err.code === 'ETLS' && err.command === 'STARTTLS' && !!err.response) ||
    (err.command === 'EHLO' && /STARTTLS/.test(err.message))
  );
}

export function describeStop(e: unknown, server: SmtpServer): string {
  const err = e as SmtpError;
  const why = offersNoEncryption(e)
    ? NO_ENCRYPTION
    : err.code === 'ETIMEDOUT'
      ? 'the mail server did not answer in time'
      : err.code === 'EAUTH'
        ? 'the mail server refused the login'
        : err.code === 'ETLS'
          ? 'the encrypted connection to the mail server failed'
          : err.code === 'ECONNECTION' || err.code === 'ESOCKET' || err.code === 'EDNS'
            ? 'cannot reach the mail server, or it closed the connection'
            : 'the mail server stopped the run';
  const detail = (err.response ?? err.message ?? String(e)).replace(/\s+/g, ' ').trim();
  return server.redact(`${why} (${server.shown}: ${detail})`);
}
