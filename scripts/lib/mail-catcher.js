// A local SMTP catcher for development (`npm start` without SMTP_URL) and for tests: an in-process
// smtp-server (a dev dependency) that accepts every mail, unauthenticated and without TLS, on
// 127.0.0.1, and writes each one as a .eml file (open it with any mail client) into `dir`.
import fs from 'node:fs';
import path from 'node:path';

/** The value of one header of a raw message (unfolded), or undefined. */
export function headerOf(raw, name) {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? undefined : line.slice(name.length + 1).trim();
}

/**
 * @param {{ dir: string, host?: string, port?: number, refuse?: (address: string) => boolean }} options
 *   port 0 (default): any free port; `refuse`: recipients answered 550 (no such mailbox), for tests
 */
export async function startMailCatcher(options) {
  const { SMTPServer } = (await import('smtp-server')).default;
  const host = options.host ?? '127.0.0.1';
  fs.mkdirSync(options.dir, { recursive: true });
  const messages = [];
  let seq = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'Mentorflow local mail catcher',
    size: 10 * 1024 * 1024,
    // close() ends connections a sender keeps open (pooled) after this long.
    closeTimeout: 500,
    onRcptTo(address, session, callback) {
      if (options.refuse?.(address.address)) {
        return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = headerOf(raw, 'Message-ID') ?? '';
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const name = `${stamp}-${String(++seq).padStart(4, '0')}-${messageId.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 80)}.eml`;
        const file = path.join(options.dir, name);
        try {
          fs.writeFileSync(file, raw);
        } catch (err) {
          return callback(err);
        }
        messages.push({
          file,
          raw,
          messageId,
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: headerOf(raw, 'Subject') ?? '',
        });
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = server.server.address().port;
  return {
    host,
    port,
    url: `smtp://${host}:${port}`,
    dir: options.dir,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
