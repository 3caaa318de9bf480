import { createHash } from 'node:crypto';

/** A stored notification as the email channel mails it to one recipient. */
export interface MailableNotification {
  /** The notification's id (one row, read by one user or by every program manager). */
  notificationId: string;
  /** The user it is mailed to (their `sub`). */
  recipient: string;
  address: string;
  title: string;
  body: string;
}

export interface ComposedMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Deterministic: the same notification to the same person always carries the same Message-ID. */
  messageId: string;
  headers: Record<string, string>;
}

/** The domain of an address or of `Name <address>`; `mentorflow.local` when it has none. */
export function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.split('@')[1]?.trim();
  return domain && /^[A-Za-z0-9.-]+$/.test(domain) ? domain.toLowerCase() : 'mentorflow.local';
}

/**
 * The Message-ID of a notification mailed to a person: derived from the notification id and the
 * recipient only, so a mail that is ever sent again (by an operator requeueing an UNCONFIRMED one)
 * is the same message to every mail system that de-duplicates by Message-ID.
 */
export function messageIdOf(notificationId: string, recipient: string, from: string): string {
  const who = createHash('sha256').update(recipient).digest('hex').slice(0, 16);
  return `<${notificationId}.${who}@${domainOf(from)}>`;
}

const FOOTER =
  'You receive this because you take part in a Mentorflow program. To stop these emails, call ' +
  'setNotificationPreferences(input: { email: false }); your notifications stay in the app.';

/** One notification as a plain-text mail. */
export function composeMail(n: MailableNotification, from: string): ComposedMail {
  return {
    from,
    to: n.address,
    subject: n.title.replace(/[\r\n]+/g, ' '),
    text: `${n.body}\n\n-- \n${FOOTER}\n`,
    messageId: messageIdOf(n.notificationId, n.recipient, from),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Mentorflow-Notification': n.notificationId },
  };
}

/** How long to wait before attempt `attempts + 1` after `attempts` failed: doubling from `baseMs`, at most `maxMs`. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(maxMs, baseMs * 2 ** exponent);
}

/** What an SMTP error means for the mail: try again later, or give up (the server refused it for good). */
export type SendFailure = 'RETRY' | 'REFUSED';

/**
 * Only the server's permanent refusal (5xx but 503) of this recipient (`RCPT TO`) or of this
 * message (after `DATA`) gives the mail up. Anything else — no reply at all (connection refused,
 * reset, timeout, DNS, TLS), a 4xx or 503, a refusal of the sender or of our credentials (`MAIL
 * FROM`, `AUTH`: a setting to fix, true of every mail) — is an outage: the mail waits and is
 * tried again, never dropped.
 */
export function classifySendError(err: { responseCode?: number; command?: string }): SendFailure {
  const code = err.responseCode;
  const permanent = typeof code === 'number' && code >= 500 && code < 600 && code !== 503;
  const aboutThisMail = err.command === 'RCPT TO' || err.command === 'DATA';
  return permanent && aboutThisMail ? 'REFUSED' : 'RETRY';
}
