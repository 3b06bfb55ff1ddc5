// send:packets against a real SMTP server (smtp-server) on 127.0.0.1, run as staff run it.
import { command } from './helpers/cli.js';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRecord, readSendLog, sendKey } from '../src/mailsend/send-log.js';
import { readEmailTemplate } from '../src/mailsend/template.js';
import { InputError } from '../src/model/diagnostics.js';
import { readPdf } from './helpers/pdf.js';

const repo = process.cwd();
const roster = join(repo, 'test', 'fixtures', 'send', 'applicants.csv');
const PASSWORD = 'pw-S3cret-9f2';

interface Received {
  to: string[];
  raw: Buffer;
  /** Whether the session was encrypted (STARTTLS) when the message came. */
  secure: boolean;
}

interface ServerOptions {
  /** The server goes down after this many messages. */
  stopAfter?: number;
  /** Offer STARTTLS (smtp-server's own self-signed certificate, so the URL turns verification off). */
  starttls?: boolean;
  /** Runs when a client logs in, before the server answers. */
  onAuth?: () => void;
  /** Runs when a message has come in, before the server answers it; `false` leaves it unanswered. */
  onData?: () => boolean | void;
}

/** A real SMTP server on the loopback address: login required, 550 for bounce@example.org. */
async function startServer(opts: ServerOptions = {}) {
  const starttls = opts.starttls ?? true;
  const received: Received[] = [];
  const logins: { secure: boolean }[] = [];
  const server = new SMTPServer({
    ...(starttls ? {} : { disabledCommands: ['STARTTLS'] }),
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, session, cb) {
      logins.push({ secure: session.secure });
      opts.onAuth?.();
      if (auth.username === 'staff' && auth.password === PASSWORD) cb(null, { user: 'staff' });
      else cb(new Error('invalid login'));
    },
    onRcptTo(address, _session, cb) {
      if (address.address === 'bounce@example.org')
        cb(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          secure: session.secure,
        });
        if (opts.onData?.() === false) return;
        cb(null, `queued as Q${received.length}`);
        // The server goes down after N messages: further connections are refused.
        if (opts.stopAfter !== undefined && received.length >= opts.stopAfter) server.close();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  const url = `smtp://staff:${PASSWORD}@127.0.0.1:${port}${starttls ? '?tls.rejectUnauthorized=false' : ''}`;
  return { received, logins, port, url, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** The command running now, for a test that kills it. */
let running: ChildProcess | null = null;

function run(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: string; err: string; signal: NodeJS.Signals | null }> {
  return new Promise((ok) => {
    // Asynchronous: the SMTP server runs in this process and must keep answering.
    const [exe, before] = command('send');
    const child = spawn(exe, [...before, ...args], {
      cwd,
      env: { ...process.env, CG_WORKERS: '1', SMTP_URL: undefined, ...env },
    });
    running = child;
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code, signal) => ok({ code: code ?? -1, out, err, signal }));
  });
}

const parse = (raw: Buffer): Promise<ParsedMail> => simpleParser(raw);
const withoutDate = (raw: Buffer) => raw.toString('latin1').replace(/^Date: .*\r\n/m, '');

describe('send:packets', () => {
  let dir: string;
  let project: string;
  let out: string;
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  const outputs: string[] = [];
  const go = async (args: string[], env: Record<string, string | undefined> = {}) => {
    const r = await run(project, args, env);
    outputs.push(r.out, r.err);
    return r;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cg-send-'));
    // A project of our own: the repository's source/ and templates/, Michigan with an office.
    project = join(dir, 'project');
    mkdirSync(project);
    cpSync(join(repo, 'source'), join(project, 'source'), { recursive: true });
    cpSync(join(repo, 'templates'), join(project, 'templates'), { recursive: true });
    appendFileSync(
      join(project, 'source', 'editions', 'michigan', 'edition.yaml'),
      'office:\n  name: MI-AIMH Endorsement Office\n  address: ["1 Test Street", "Southgate, MI 48195"]\n  email: endorsement@example.org\n',
    );
    out = join(dir, 'out');
  });
  afterAll(async () => {
    for (const s of servers) await s.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start without SMTP_URL or without a From address (exit 2), and prints no password', async () => {
    const noUrl = await go(['--roster', roster, '--out', out]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.err).toContain('SMTP_URL is not set; expected SMTP_URL=smtp://');
    const texas = join(dir, 'texas.csv');
    writeFileSync(
      texas,
      'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level\nAnn,Smith,1 Main St,,Austin,TX,73301,ann@example.org,texas,1\n',
    );
    const noFrom = await go(['--roster', texas, '--out', join(dir, 'texas-out')], {
      SMTP_URL: `smtp://staff:${PASSWORD}@127.0.0.1:9`,
    });
    expect(noFrom.code).toBe(2);
    expect(noFrom.err).toContain(
      'no From address for "texas": source/editions/texas/edition.yaml gives no office.email; expected --from office@example.org',
    );
    expect(existsSync(join(dir, 'texas-out'))).toBe(false);
    const badArg = await go(['--roster', roster, '--per-minute', 'fast']);
    expect(badArg.code).toBe(2);
    expect(await go(['--version'])).toMatchObject({
      code: 0,
      out: `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`,
    });
  });

  it('--dry-run writes one .eml per valid row, refuses the bad address by line, and sends nothing', async () => {
    const server = await startServer();
    servers.push(server);
    const r = await go(['--roster', roster, '--out', out, '--dry-run'], { SMTP_URL: server.url });
    expect(r.code).toBe(1);
    expect(r.err).toContain('applicants.csv line 5: email "not-an-email-address" is not an e-mail address');
    expect(r.out).toContain('3 written to');
    expect(server.received).toHaveLength(0);
    expect(existsSync(join(out, 'send-log.jsonl'))).toBe(false);
    expect(readdirSync(join(out, 'eml')).sort()).toEqual([
      'line-0002-smith-ann.eml',
      'line-0003-nunez-jose.eml',
      'line-0004-jones-bo.eml',
    ]);
    const mail = await parse(readFileSync(join(out, 'eml', 'line-0003-nunez-jose.eml')));
    expect(mail.from?.value[0].address).toBe('endorsement@example.org');
    expect(mail.text).toContain('Dear José Núñez,');
    // The office from edition.yaml; the phone it lacks is left out, not invented.
    expect(mail.text).toContain('MI-AIMH Endorsement Office\n1 Test Street\nSouthgate, MI 48195');
    expect(mail.text).not.toContain('Phone');
    expect(mail.attachments).toHaveLength(1);
    expect(Buffer.compare(mail.attachments[0].content, readFileSync(join(out, 'line-0003-nunez-jose.pdf')))).toBe(0);
  });

  /** A folder of its own holding the packets the dry run made (and no send log), so runs into it only send. */
  const packetsCopy = (name: string) => {
    const copy = join(dir, name);
    cpSync(out, copy, {
      recursive: true,
      filter: (src) => !src.endsWith('send-log.jsonl') && !src.includes(`${join(out, 'eml')}`),
    });
    return copy;
  };

  it('credentials go only over TLS: a server without STARTTLS gets no password, unless --allow-insecure, which warns', async () => {
    const plain = await startServer({ starttls: false });
    servers.push(plain);
    const folder = packetsCopy('out-plain');
    const refused = await go(['--roster', roster, '--out', folder, '--per-minute', '6000'], { SMTP_URL: plain.url });
    expect(refused.code).toBe(2);
    const last = refused.err.trim().split('\n').pop()!;
    expect(last).toMatch(
      /^send:packets: the mail server offers no encryption; the password would be sent in clear \(smtp:\/\/127\.0\.0\.1:\d+\); nothing was sent\./,
    );
    expect(refused.err).toContain('packets: using the 3 already made');
    // Stopped before AUTH: the server never saw a login, nor a message.
    expect(plain.logins).toHaveLength(0);
    expect(plain.received).toHaveLength(0);
    expect(existsSync(join(folder, 'send-log.jsonl'))).toBe(false);

    const allowed = await go(['--roster', roster, '--out', folder, '--per-minute', '6000', '--allow-insecure'], {
      SMTP_URL: plain.url,
    });
    expect(allowed.code).toBe(1);
    expect(allowed.err).toContain(
      `warning: the connection to smtp://127.0.0.1:${plain.port} is not encrypted: the password and the messages are sent in clear (allowed by --allow-insecure)`,
    );
    expect(allowed.out).toContain('send:packets: 2 sent, 0 skipped as already sent, 1 refused, 1 failed');
    expect(plain.received.map((m) => [m.to[0], m.secure])).toEqual([
      ['ann@example.org', false],
      ['jose@example.org', false],
    ]);

    // ?insecure=true in the URL allows it too (and names itself); --resend sends a row the log has as sent.
    const byUrl = await go(['--roster', roster, '--out', folder, '--resend', '2'], {
      SMTP_URL: `${plain.url}?insecure=true`,
    });
    expect(byUrl.err).toContain('(allowed by ?insecure=true in SMTP_URL)');
    expect(byUrl.out).toContain('send:packets: 1 sent, 1 skipped as already sent');
    expect(plain.received.map((m) => m.to[0])).toEqual(['ann@example.org', 'jose@example.org', 'ann@example.org']);
    for (const text of [
      refused.err,
      refused.out,
      allowed.err,
      allowed.out,
      byUrl.err,
      byUrl.out,
      readFileSync(join(folder, 'send-log.jsonl'), 'utf8'),
    ])
      expect(text).not.toContain(PASSWORD);
  });

  // ENOSPC for real: the send log is swapped for a link to /dev/full, whose every write fails with it.
  it.skipIf(!existsSync('/dev/full'))(
    'e-mail at most once when our own disk fails: the send log cannot be written after the server accepted',
    async () => {
      const folder = packetsCopy('out-disk');
      const log = join(folder, 'send-log.jsonl');
      const diskFull = () => {
        renameSync(log, `${log}.kept`);
        symlinkSync('/dev/full', log);
      };
      const spaceAgain = () => {
        rmSync(log);
        renameSync(`${log}.kept`, log);
      };
      let full = false;
      const first = await startServer({
        onData: () => {
          if (!full) diskFull();
          full = true;
        },
      });
      servers.push(first);
      const r1 = await go(['--roster', roster, '--out', folder, '--per-minute', '6000'], { SMTP_URL: first.url });
      expect(r1.code).toBe(4);
      // Named as our fault, with the path: not the mail server's, and the message is counted as sent.
      expect(r1.err).toContain(
        `send:packets: cannot write ${log}: no space left on device; the run stopped there (a fault of this machine, not of the mail server): 2 not sent yet.`,
      );
      expect(r1.err).toContain(
        'applicants.csv line 2: sent (the mail server accepted it), but the send log could not record it; it is not sent again by itself (--resend 2 sends it again)',
      );
      expect(r1.err).not.toMatch(/mail server (stopped|refused)|cannot reach/);
      expect(r1.out).toContain('send:packets: 1 sent,');
      expect(first.received.map((m) => m.to[0])).toEqual(['ann@example.org']);
      spaceAgain();

      // The next run does not send Ann a second copy: it says so, and sends the rest.
      const second = await startServer();
      servers.push(second);
      const r2 = await go(['--roster', roster, '--out', folder, '--per-minute', '6000'], { SMTP_URL: second.url });
      expect(r2.code).toBe(1);
      expect(r2.err).toMatch(
        /applicants\.csv line 2: may have been sent \(the run stopped while sending\); check, then resend it with --resend 2 \(to ann@example\.org, Message-ID <packet-[0-9a-f]{32}@example\.org>\)/,
      );
      expect(r2.out).toContain(
        'send:packets: 1 sent, 0 skipped as already sent, 1 refused, 1 failed, 1 may have been sent (see above)',
      );
      expect(second.received.map((m) => m.to[0])).toEqual(['jose@example.org']);
      // Every message went over STARTTLS, and the login too.
      expect([...first.received, ...second.received].every((m) => m.secure)).toBe(true);
      expect([...first.logins, ...second.logins].every((l) => l.secure)).toBe(true);

      // Checked: --resend 2 sends exactly that one; then nothing is uncertain and nothing more is sent.
      const r3 = await go(['--roster', roster, '--out', folder, '--resend', '2'], { SMTP_URL: second.url });
      expect(r3.out).toContain('send:packets: 1 sent, 1 skipped as already sent, 1 refused, 1 failed');
      expect(r3.err).not.toContain('may have been sent');
      expect(second.received.map((m) => m.to[0])).toEqual(['jose@example.org', 'ann@example.org']);
      const r4 = await go(['--roster', roster, '--out', folder], { SMTP_URL: second.url });
      expect(r4.out).toContain('send:packets: 0 sent, 2 skipped as already sent, 1 refused, 1 failed');
      expect(second.received).toHaveLength(2);
      // The same message each time: the Message-ID the intent recorded.
      const ids = await Promise.all(
        [first.received[0], second.received[1]].map(async (m) => (await parse(m.raw)).messageId),
      );
      expect(ids[0]).toBe(ids[1]);
      const records = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(records.map((r) => [r.status, r.line])).toEqual([
        ['sending', 2],
        ['sending', 3],
        ['accepted', 3],
        ['sending', 4],
        ['refused', 4],
        ['sending', 2],
        ['accepted', 2],
        ['sending', 4],
        ['refused', 4],
        ['sending', 4],
        ['refused', 4],
      ]);
      expect(records[0].messageId).toBe(ids[0]);

      const bad = await go(['--roster', roster, '--out', folder, '--resend', '5'], { SMTP_URL: second.url });
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('send:packets: --resend 5: applicants.csv has no row to send on line 5');
    },
  );

  it.skipIf(!existsSync('/dev/full'))(
    'e-mail at most once when our own disk fails: an intent that cannot be written sends nothing',
    async () => {
      const folder = packetsCopy('out-intent');
      const log = join(folder, 'send-log.jsonl');
      let full = false;
      const server = await startServer({
        onAuth: () => {
          if (!full) symlinkSync('/dev/full', log);
          full = true;
        },
      });
      servers.push(server);
      const r1 = await go(['--roster', roster, '--out', folder, '--per-minute', '6000'], { SMTP_URL: server.url });
      expect(r1.code).toBe(4);
      expect(r1.err).toContain(
        `send:packets: cannot write ${log}: no space left on device; the run stopped there (a fault of this machine, not of the mail server): 3 not sent yet.`,
      );
      expect(r1.out).toContain('send:packets: 0 sent');
      expect(server.logins).toHaveLength(1);
      expect(server.received).toHaveLength(0);
      rmSync(log);
      // Nothing is uncertain: the next run sends each valid row once.
      const r2 = await go(['--roster', roster, '--out', folder, '--per-minute', '6000'], { SMTP_URL: server.url });
      expect(r2.err).not.toContain('may have been sent');
      expect(r2.out).toContain('send:packets: 2 sent, 0 skipped as already sent, 1 refused, 1 failed');
      expect(server.received.map((m) => m.to[0])).toEqual(['ann@example.org', 'jose@example.org']);
    },
  );

  it('a message whose answer never came (the run was killed, or the server went silent) may have been sent: no run sends it again by itself', async () => {
    const folder = packetsCopy('out-died');
    // Killed while the server holds Ann's message, before it answers.
    const killer = await startServer({
      onData: () => {
        running?.kill('SIGKILL');
        return false;
      },
    });
    servers.push(killer);
    const died = await go(['--roster', roster, '--out', folder, '--per-minute', '6000'], { SMTP_URL: killer.url });
    expect(died.signal).toBe('SIGKILL');
    expect(killer.received.map((m) => m.to[0])).toEqual(['ann@example.org']);

    // Then a server that takes José's message and never answers: the run stops when it times out.
    let n = 0;
    const silent = await startServer({ onData: () => ++n !== 1 });
    servers.push(silent);
    const r = await go(['--roster', roster, '--out', folder, '--per-minute', '6000'], {
      SMTP_URL: `${silent.url}&socketTimeout=1500`,
    });
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^applicants\.csv line 2: may have been sent \(the run stopped while sending\); check, then resend it with --resend 2 /,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^applicants\.csv line 3: may have been sent \(the run stopped while sending\); check, then resend it with --resend 3 /,
      ),
    );
    expect(r.err).toMatch(
      /send:packets: stopped: the mail server did not answer in time \(smtp:\/\/127\.0\.0\.1:\d+: .*\)\. 1 not sent yet/,
    );
    expect(silent.received.map((m) => m.to[0])).toEqual(['jose@example.org']);

    // The re-run sends neither again, and tries the rest; --resend 2,3 sends exactly those two.
    const again = await go(['--roster', roster, '--out', folder, '--per-minute', '6000', '--quiet'], {
      SMTP_URL: silent.url,
    });
    // Said even with --quiet, as the failed row is.
    expect(again.err).toContain('applicants.csv line 2: may have been sent');
    expect(again.err).toContain('applicants.csv line 3: may have been sent');
    expect(again.err).toContain('applicants.csv line 4: the mail server refused the message to bounce@example.org');
    expect(again.out).toContain(
      'send:packets: 0 sent, 0 skipped as already sent, 1 refused, 1 failed, 2 may have been sent (see above)',
    );
    expect(silent.received.map((m) => m.to[0])).toEqual(['jose@example.org']);
    const resent = await go(['--roster', roster, '--out', folder, '--per-minute', '6000', '--resend', '2,3'], {
      SMTP_URL: silent.url,
    });
    expect(resent.out).toContain('send:packets: 2 sent, 0 skipped as already sent, 1 refused, 1 failed');
    expect(resent.err).not.toContain('may have been sent');
    expect(silent.received.map((m) => m.to[0])).toEqual(['jose@example.org', 'ann@example.org', 'jose@example.org']);
  });

  it('a server that goes down mid-run stops the run; the re-run sends the rest, fails only the refused row, and a third run sends nothing', async () => {
    const first = await startServer({ stopAfter: 1 });
    servers.push(first);
    const r1 = await go(['--roster', roster, '--out', out, '--per-minute', '6000'], { SMTP_URL: first.url });
    expect(r1.code).toBe(1);
    expect(r1.err).toContain('packets: using the 3 already made');
    expect(r1.err).toMatch(
      /send:packets: stopped: cannot reach the mail server, or it closed the connection \(smtp:\/\/127\.0\.0\.1:\d+: .*\)\. 2 not sent yet/,
    );
    expect(first.received.map((m) => m.to)).toEqual([['ann@example.org']]);

    const second = await startServer();
    servers.push(second);
    const r2 = await go(['--roster', roster, '--out', out, '--per-minute', '6000'], { SMTP_URL: second.url });
    expect(r2.code).toBe(1);
    expect(r2.err).toContain(
      'applicants.csv line 4: the mail server refused the message to bounce@example.org (550 5.1.1 mailbox unavailable); not sent',
    );
    expect(r2.out).toContain('send:packets: 1 sent, 1 skipped as already sent, 1 refused, 1 failed');
    expect(second.received.map((m) => m.to)).toEqual([['jose@example.org']]);

    const r3 = await go(['--roster', roster, '--out', out], { SMTP_URL: second.url });
    expect(r3.out).toContain('send:packets: 0 sent, 2 skipped as already sent, 1 refused, 1 failed');
    expect(second.received).toHaveLength(1);

    // Each valid row received exactly one message in all, with its own packet attached.
    const all = [...first.received, ...second.received];
    expect(all.map((m) => m.to[0]).sort()).toEqual(['ann@example.org', 'jose@example.org']);
    for (const [address, file, name] of [
      ['ann@example.org', 'line-0002-smith-ann', 'Ann Smith'],
      ['jose@example.org', 'line-0003-nunez-jose', 'José Núñez'],
    ]) {
      const m = all.find((x) => x.to[0] === address)!;
      const mail = await parse(m.raw);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '').toBe(address);
      expect(mail.text).toContain(`Dear ${name},`);
      expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
      const pdf = join(dir, `${file}-received.pdf`);
      writeFileSync(pdf, mail.attachments[0].content);
      // Their own packet: the letter greets them, and no one else.
      const text = (await readPdf(pdf)).text.replace(/\s+/g, ' ');
      expect(text).toContain(`Dear ${name},`);
      for (const other of ['Ann Smith', 'José Núñez', 'Bo Jones'].filter((n) => n !== name))
        expect(text).not.toContain(`Dear ${other},`);
      expect(Buffer.compare(mail.attachments[0].content, readFileSync(join(out, `${file}.pdf`)))).toBe(0);
      // What was sent is what --dry-run showed, byte for byte (but for the Date header).
      expect(withoutDate(m.raw)).toBe(withoutDate(readFileSync(join(out, 'eml', `${file}.eml`))));
    }

    const log = readFileSync(join(out, 'send-log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.status === 'accepted');
    expect(log.map((l) => [l.line, l.email])).toEqual([
      [2, 'ann@example.org'],
      [3, 'jose@example.org'],
    ]);
    expect(log[1].server).toContain('queued as Q1');
    expect(log[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    // The credentials never appear in what the command printed or wrote.
    for (const text of [...outputs, readFileSync(join(out, 'send-log.jsonl'), 'utf8')])
      expect(text).not.toContain(PASSWORD);
  });

  it('a changed packet is not sent again, unless --resend-changed', async () => {
    const server = await startServer();
    servers.push(server);
    // José moved: his packet (letter and form) changes; the merge makes the packets again.
    const moved = join(dir, 'moved.csv');
    writeFileSync(moved, readFileSync(roster, 'utf8').replace('12 Calle Ñandú', '14 Calle Ñandú'));
    const r1 = await go(['--roster', moved, '--out', out, '--per-minute', '6000'], { SMTP_URL: server.url });
    expect(r1.err).toContain('packets: made 3');
    expect(r1.err).toContain(
      'moved.csv line 3: the packet changed since it was sent to jose@example.org; not sent again (--resend-changed sends it)',
    );
    expect(r1.out).toContain('send:packets: 0 sent, 2 skipped as already sent, 1 refused, 1 failed');
    const r2 = await go(['--roster', moved, '--out', out, '--per-minute', '6000', '--resend-changed'], {
      SMTP_URL: server.url,
    });
    expect(r2.out).toContain('send:packets: 1 sent, 1 skipped as already sent, 1 refused, 1 failed');
    expect(server.received.map((m) => m.to)).toEqual([['jose@example.org']]);
    const mail = await parse(server.received[0].raw);
    expect(Buffer.compare(mail.attachments[0].content, readFileSync(join(out, 'line-0003-nunez-jose.pdf')))).toBe(0);
    expect(
      readFileSync(join(out, 'send-log.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .filter((l) => JSON.parse(l).status === 'accepted'),
    ).toHaveLength(3);
  });

  it('a server that never answers stops the run with a clear message', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    const port = (silent.address() as AddressInfo).port;
    try {
      const roster2 = join(dir, 'one.csv');
      writeFileSync(
        roster2,
        'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level\nAnn,Smith,1 Main St,,Lansing,MI,48933,ann@example.org,michigan,1\n',
      );
      // Re-uses nothing: a new folder, but one row only.
      const r = await go(['--roster', roster2, '--out', join(dir, 'silent')], {
        SMTP_URL: `smtp://staff:${PASSWORD}@127.0.0.1:${port}?greetingTimeout=500`,
      });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /send:packets: stopped: the mail server did not answer in time \(smtp:\/\/127\.0\.0\.1:\d+: .*\)\. 1 not sent yet/,
      );
      expect(r.err + r.out).not.toContain(PASSWORD);
    } finally {
      silent.close();
    }
  });
});

describe('the send log', () => {
  const row = {
    line: 2,
    email: 'Ann@example.org',
    edition: 'michigan',
    level: 1,
    packet: 'p.pdf',
    sha256: 'a',
    messageId: '<m1@x>',
  };
  it('keeps what each applicant was sent and what may have been; reads logs from before intents; skips a record cut short', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-send-log-'));
    try {
      const path = join(dir, 'send-log.jsonl');
      // A log written before intents were recorded: acceptances without a status.
      writeFileSync(path, `${JSON.stringify({ ...row, server: '250 ok' })}\n`);
      appendRecord(path, { status: 'sending', ...row, line: 3, email: 'jose@example.org', messageId: '<m2@x>' });
      // A write that failed half-way (the disk filled up): then a record of the next run.
      appendFileSync(path, '{"status":"accepted","line":3,"email":"jo');
      appendRecord(path, { status: 'sending', ...row, email: 'bo@example.org', messageId: '<m3@x>' });
      appendRecord(path, { status: 'refused', ...row, email: 'bo@example.org', messageId: '<m3@x>', server: '550 no' });
      expect(readFileSync(path, 'utf8').split('\n')[3]).toMatch(/^\{"status":"sending",.*"bo@example\.org"/);
      const log = readSendLog(path, 'send-log.jsonl');
      expect(log.get(sendKey({ ...row, email: 'ann@EXAMPLE.org' }))).toEqual({ sent: { ...row, server: '250 ok' } });
      expect(log.get(sendKey({ ...row, email: 'jose@example.org' }))?.uncertain?.messageId).toBe('<m2@x>');
      expect(log.get(sendKey({ ...row, email: 'bo@example.org' }))).toEqual({});
      // Anything else that is not a record is refused by line, as before.
      appendFileSync(path, 'hello\n');
      expect(() => readSendLog(path, 'send-log.jsonl')).toThrow(/^send-log\.jsonl line 6: not a send record/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('templates/email.yaml', () => {
  it('names file:line for an unknown placeholder and a missing key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-email-template-'));
    try {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(
        join(dir, 'templates', 'email.yaml'),
        'subject: "Packet for {officePhone}"\nbody:\n  - "Dear {firstName} {nickname},"\nattachWord: false\n',
      );
      let messages: string[] = [];
      try {
        readEmailTemplate(dir);
      } catch (e) {
        messages = (e as InputError).messages;
      }
      expect(messages).toEqual([expect.stringMatching(/^templates\/email\.yaml:1:1: .*attachmentName/)]);
      writeFileSync(
        join(dir, 'templates', 'email.yaml'),
        'subject: "Packet for {officePhone}"\nbody:\n  - "Dear {firstName} {nickname},"\nattachmentName: packet\n',
      );
      try {
        readEmailTemplate(dir);
      } catch (e) {
        messages = (e as InputError).messages;
      }
      expect(messages[0]).toMatch(
        /^templates\/email\.yaml:1:10: unknown placeholder \{officePhone\} \(\{officePhone\} may be missing, so only body paragraphs may use it\); expected one of \{firstName\}/,
      );
      expect(messages[1]).toMatch(/^templates\/email\.yaml:3:5: unknown placeholder \{nickname\}; expected one of/);
      expect(readEmailTemplate(repo).attachWord).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
