import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { GatewayConfig } from '../../config.js';
import { classifySendError, composeMail, retryDelayMs } from '../domain/email-message.js';
import { isErasedAddress } from '../domain/erasure.js';
import { EmailRepository, type ClaimedDelivery } from '../persistence/email.repository.js';
import { ERASED_DELIVERY } from '../persistence/erasure.repository.js';
import { emailMetrics } from './email-metrics.js';

export const EMAIL_SETTINGS = Symbol('EMAIL_SETTINGS');
export const EMAIL_LOGGER = Symbol('EMAIL_LOGGER');

/** The email channel's settings; `smtpUrl` undefined turns it off (nothing queued, nothing sent). */
export interface EmailSettings {
  smtpUrl?: string;
  from: string;
  pollIntervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  unconfirmedAfterMs: number;
}

export function emailSettings(config: GatewayConfig): EmailSettings {
  return {
    smtpUrl: config.SMTP_URL,
    from: config.EMAIL_FROM,
    pollIntervalMs: config.EMAIL_POLL_INTERVAL_MS,
    retryBaseMs: config.EMAIL_RETRY_BASE_MS,
    retryMaxMs: config.EMAIL_RETRY_MAX_MS,
    unconfirmedAfterMs: config.EMAIL_UNCONFIRMED_AFTER_MS,
  };
}

/** Mails sent at once (and pooled SMTP connections): the most a crash can leave UNCONFIRMED. */
const PARALLEL_SENDS = 4;

/** SMTP timeouts of one send: together well under EMAIL_UNCONFIRMED_AFTER_MS. */
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * Mails stored notifications through SMTP when SMTP_URL is set. The consumer queues one delivery
 * per recipient in the transaction that stores the notification (`enqueue`); this sender claims
 * a few due deliveries at a time (SENDING, committed), sends each with a Message-ID derived from the notification
 * and the recipient, and records the outcome: SENT; PENDING again with a doubling delay when the
 * SMTP server is unreachable, answers 4xx or refuses our sender or credentials (an outage delays,
 * never loses); FAILED when it refuses the recipient or the message for good (5xx); SKIPPED when the recipient opted out, has no known address or was erased (an `@erased.invalid` address is never mailed). A
 * delivery left SENDING by a sender that died is marked UNCONFIRMED and never sent again: at most
 * once across a crash, never twice.
 */
@Injectable()
export class EmailChannel implements OnApplicationBootstrap, OnModuleDestroy {
  private transporter?: Transporter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
    @Inject(EMAIL_LOGGER) private readonly logger: Logger,
    private readonly repository: EmailRepository,
  ) {}

  get enabled(): boolean {
    return !!this.settings.smtpUrl;
  }

  /** Queues the stored notifications for mailing (in the caller's transaction); nothing when email is off. */
  async enqueue(tx: EntityManager, notifications: { id: string; audience: string }[]): Promise<void> {
    if (this.enabled && notifications.length) await this.repository.enqueue(tx, notifications);
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.transporter = nodemailer.createTransport({
      url: this.settings.smtpUrl,
      pool: true,
      maxConnections: PARALLEL_SENDS,
      ...SMTP_TIMEOUTS,
    });
    this.logger.info({ smtp: redacted(this.settings.smtpUrl!), from: this.settings.from }, 'email channel on');
    this.schedule(0);
  }

  /** Stops the loop and waits for the mail being sent, so that its outcome is recorded. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transporter?.close();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule(this.settings.pollIntervalMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const unconfirmed = await this.repository.markUnconfirmed(this.settings.unconfirmedAfterMs);
      if (unconfirmed.length) {
        emailMetrics.outcomes.inc({ outcome: 'UNCONFIRMED' }, unconfirmed.length);
        this.logger.warn(
          { deliveries: unconfirmed },
          'mails left SENDING by a sender that stopped are UNCONFIRMED: not sent again (they may have gone out)',
        );
      }
      // Drain what is due, a few mails at a time, sent at once over pooled connections: only the
      // mails being sent are ever SENDING, so a crash leaves at most those UNCONFIRMED.
      while (!this.stopped) {
        const batch = await this.repository.claim(PARALLEL_SENDS);
        // Settled, not all: every send of the batch has finished (and is recorded, or left SENDING
        // when the database failed) before the next batch or a shutdown.
        const outcomes = await Promise.allSettled(batch.map((d) => this.deliver(d)));
        const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        if (failed) throw failed.reason;
        if (batch.length < PARALLEL_SENDS) break;
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'email sender: database unavailable, trying again');
    }
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    if (!d.wantsEmail || !d.address || isErasedAddress(d.address)) {
      emailMetrics.outcomes.inc({ outcome: 'SKIPPED' });
      const reason = !d.wantsEmail ? 'OPTED_OUT' : d.address ? ERASED_DELIVERY : 'NO_ADDRESS';
      return this.repository.close(d.id, 'SKIPPED', reason);
    }
    const mail = composeMail({ ...d, address: d.address }, this.settings.from);
    try {
      await this.transporter!.sendMail({ ...mail, messageId: mail.messageId });
    } catch (err) {
      const e = err as Error & { responseCode?: number; code?: string; command?: string };
      const error = `${e.code ?? 'ERROR'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message}`;
      if (classifySendError(e) === 'REFUSED') {
        this.logger.warn({ delivery: d.id, recipient: d.recipient, error }, 'mail refused by the SMTP server');
        emailMetrics.outcomes.inc({ outcome: 'FAILED' });
        return this.repository.close(d.id, 'FAILED', error);
      }
      const delayMs = retryDelayMs(d.attempts, this.settings.retryBaseMs, this.settings.retryMaxMs);
      this.logger.warn(
        { delivery: d.id, attempts: d.attempts, retryInMs: delayMs, error },
        'mail not sent, will retry',
      );
      emailMetrics.outcomes.inc({ outcome: 'RETRY' });
      return this.repository.retryLater(d.id, delayMs, error);
    }
    emailMetrics.outcomes.inc({ outcome: 'SENT' });
    await this.repository.markSent(d.id, d.address, mail.messageId);
  }
}

/** The SMTP URL without its password, for logs. */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'smtp://…';
  }
}
