// `npm run send:packets -- --roster applicants.csv --out DIR`: each valid row's packet by e-mail, once.
import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { z } from 'zod';
import { EXIT, exitOnInterrupt, exitWith, internalError, parseArgs } from './common.js';
import { Progress } from './progress.js';
import { InputError } from '../model/diagnostics.js';
import { EML_DIR, SEND_LOG } from '../mailsend/send-log.js';

const perMinute = (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1)
    throw new InvalidArgumentError('expected a whole number of messages per minute, at least 1');
  return Number(v);
};
/** `--resend 3 --resend 7` or `--resend 3,7`: roster lines. */
const lines = (v: string, previous: number[]) => {
  const parts = v.split(',').map((x) => x.trim());
  if (parts.some((x) => !/^\d+$/.test(x) || Number(x) < 2))
    throw new InvalidArgumentError('expected roster line numbers such as 3 or 3,7 (the header is line 1)');
  return [...previous, ...parts.map(Number)];
};
const address = (v: string) => {
  if (!z.email().safeParse(v).success)
    throw new InvalidArgumentError(`"${v}" is not an e-mail address; expected one like office@example.org`);
  return v;
};

const program = new Command()
  .name('send:packets')
  .description(
    `Send each valid row of a roster its personalized packet by e-mail, through the server in SMTP_URL (smtp://user:password@host:587). Makes the packets as build:packets does, unless ${'DIR'} already has them; records each message sent in DIR/${SEND_LOG} and never sends one twice.`,
  )
  .requiredOption(
    '-r, --roster <file>',
    `the roster: a CSV file (UTF-8, UTF-16 or Windows-1252; comma- or tab-separated) or an Excel workbook (.xlsx), with the columns first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level`,
  )
  .option('--sheet <name>', 'the sheet of an .xlsx roster to read (default: the first)')
  .option('-o, --out <dir>', 'folder for the packets and the send log', 'out/packets')
  .option('--from <address>', "sender address (default: the edition's office.email)", address)
  .option('--dry-run', `write each message as DIR/${EML_DIR}/<packet>.eml and send nothing`)
  .option('--resend-changed', 'send again to applicants whose packet changed since it was sent')
  .option(
    '--resend <lines>',
    'send these roster lines again whatever the send log says, e.g. a row that may have been sent (repeat it, or 3,7)',
    lines,
    [] as number[],
  )
  .option('--allow-insecure', 'let the password and the messages go in clear to a server that offers no encryption')
  .option('--per-minute <n>', 'send at most this many messages a minute', perMinute, 60)
  .option('--remake', 'make the packets again even if DIR has current ones')
  .option(
    '-q, --quiet',
    'print no progress (results, refused and failed rows, rows that may have been sent and warnings are still printed)',
  )
  .option('--debug', 'show stack traces of internal errors')
  .addHelpText(
    'after',
    '\nExit codes: 0 every row sent (or written, with --dry-run), 1 a row refused or failed, may have been sent, or the run stopped (run it again: it continues), 2 bad usage or SMTP_URL (or a server that would see the password in clear), 3 internal error, 4 a fault of this machine (no space, no permission: the path is named), 130 interrupted.',
  );

async function main(): Promise<number> {
  const stop = parseArgs(program);
  if (stop !== null) return stop;
  const opts = program.opts<{
    roster: string;
    sheet?: string;
    out: string;
    from?: string;
    dryRun?: boolean;
    resendChanged?: boolean;
    resend: number[];
    allowInsecure?: boolean;
    perMinute: number;
    remake?: boolean;
    quiet?: boolean;
    debug?: boolean;
  }>();
  const project = process.cwd();
  const progress = new Progress({ quiet: opts.quiet });
  const say = (line: string) => progress.line(line);
  // Loaded once the command line is good: --version and usage errors answer at once.
  const [{ RosterError }, { SendUsageError, sendPackets }, { SmtpConfigError, smtpFromEnv }, { MachineFault }] =
    await Promise.all([
      import('../mailmerge/roster.js'),
      import('../mailsend/send.js'),
      import('../mailsend/smtp.js'),
      import('../util/machine-fault.js'),
    ]);
  let smtp: ReturnType<typeof smtpFromEnv> | null = null;
  exitOnInterrupt(
    () =>
      `interrupted; nothing more is sent and ${opts.out}/${SEND_LOG} has every message sent so far: the same command continues where it stopped`,
  );
  try {
    if (!opts.dryRun) smtp = smtpFromEnv(process.env.SMTP_URL, { allowInsecure: !!opts.allowInsecure });
    const r = await sendPackets({
      project,
      roster: resolve(project, opts.roster),
      sheet: opts.sheet,
      outDir: resolve(project, opts.out),
      from: opts.from,
      smtp,
      dryRun: !!opts.dryRun,
      resendChanged: !!opts.resendChanged,
      resend: opts.resend,
      perMinute: opts.perMinute,
      remake: !!opts.remake,
      say,
      warn: (line) => {
        progress.done();
        console.error(line);
      },
      status: (line, final) => progress.status(line, final),
    });
    for (const m of r.refused) console.error(m);
    if (r.stopped?.fault)
      console.error(
        `send:packets: ${r.stopped.fault.line()}; the run stopped there (a fault of this machine, not of the mail server): ${r.stopped.left} not sent yet. Make room or fix the folder, then run the same command again.`,
      );
    else if (r.stopped)
      console.error(
        `send:packets: stopped: ${r.stopped.why}. ${r.stopped.left} not sent yet; ${SEND_LOG} has every message sent, so running the same command again sends only those.`,
      );
    const parts = [
      opts.dryRun ? `${r.sent} written to ${opts.out}/${EML_DIR}/ (dry run: nothing sent)` : `${r.sent} sent`,
      `${r.skipped} skipped as already sent`,
      `${r.refused.length} refused`,
      `${r.failed.length} failed`,
    ];
    if (r.uncertain.length) parts.push(`${r.uncertain.length} may have been sent (see above)`);
    if (r.stopped) parts.push(`${r.stopped.left} left for a re-run`);
    console.log(`send:packets: ${parts.join(', ')}`);
    if (r.stopped?.fault) return EXIT.machine;
    return r.refused.length || r.failed.length || r.uncertain.length || r.stopped ? EXIT.input : EXIT.ok;
  } catch (e) {
    if (e instanceof MachineFault) {
      console.error(`send:packets: ${e.line()}`);
      return EXIT.machine;
    }
    if (e instanceof SmtpConfigError || e instanceof SendUsageError) {
      console.error(`send:packets: ${smtp ? smtp.redact(e.message) : e.message}`);
      return EXIT.usage;
    }
    if (e instanceof RosterError) {
      console.error(e.message);
      return EXIT.input;
    }
    if (e instanceof InputError) {
      for (const m of e.messages) console.error(m);
      return EXIT.input;
    }
    // Whatever the error says, the password must not reach the terminal.
    const err = e as Error;
    if (smtp) err.message = smtp.redact(err.message);
    if (smtp && err.stack) err.stack = smtp.redact(err.stack);
    return internalError(err, opts.debug);
  }
}

exitWith(main);
