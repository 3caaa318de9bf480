import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Identity } from '#platform';
import { EmailRepository } from '../persistence/email.repository.js';
import { EMAIL_LOGGER } from './email-channel.js';

const REMEMBERED = 10_000;

/**
 * Program managers are whoever holds the role in their token, so the gateway learns their
 * addresses from the tokens it verifies: a PM whose token carries an `email` claim is recorded
 * (once per process, again when the address or name changes) and gets the PM audience's mails
 * from then on. Never blocks or fails a request.
 */
@Injectable()
export class ProgramManagerSightings {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly repository: EmailRepository,
    @Inject(EMAIL_LOGGER) private readonly logger: Logger,
  ) {}

  /** Records a PM seen in a verified token; resolves when written (callers need not wait). */
  seen(identity: Identity): Promise<void> {
    if (!identity.roles.includes('PROGRAM_MANAGER') || !identity.email) return Promise.resolve();
    const email = identity.email.trim();
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(email) || email.length > 320) return Promise.resolve();
    const key = `${email}\u0000${identity.name ?? ''}`;
    if (this.known.get(identity.sub) === key) return Promise.resolve();
    if (this.known.size >= REMEMBERED) this.known.clear();
    this.known.set(identity.sub, key);
    return this.repository.seeProgramManager(identity.sub, email, identity.name ?? null).catch((err: Error) => {
      this.known.delete(identity.sub);
      this.logger.warn({ err: err.message }, 'could not record a program manager’s address');
    });
  }
}
