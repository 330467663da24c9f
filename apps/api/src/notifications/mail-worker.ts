import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/config';

/** What the worker needs of a nodemailer transporter; a test passes a `jsonTransport` one. */
export interface MailTransport {
  sendMail(mail: SendMailOptions): Promise<unknown>;
  close(): void;
}

/** Null when no SMTP_URL is set (the demo): mails then stay in the outbox, shown on the admin page. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): MailTransport | null =>
    config.smtpUrl
      ? // Bounded timeouts keep one send well inside the worker's two-minute lease.
        createTransport({ url: config.smtpUrl, connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 30_000 })
      : null,
};

export const MAIL_BATCH_SIZE = 20;
export const MAIL_MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;
const BASE_BACKOFF_SECONDS = 30;
const MAX_BACKOFF_SECONDS = 3600;

/** 30 s, 1 min, 2 min, … capped at one hour, after the n-th failed attempt (n ≥ 1). */
export function backoffSeconds(attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, BASE_BACKOFF_SECONDS * 2 ** Math.max(0, attempts - 1));
}

interface ClaimedMail {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  attempts: number;
}

export interface DrainResult {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * Sends the outbox. Every API process may run one: a mail is claimed with `FOR UPDATE SKIP LOCKED` and a lease
 * (`locked_until`) committed at once, so two workers never hold the same mail; `attempts`, raised by the claim,
 * fences the later updates (a worker whose lease ran out and was re-claimed cannot mark or re-send it). A crash
 * between sending and marking can still send a mail twice, after the lease; the Message-ID derived from the
 * outbox id lets receiving servers drop that duplicate.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MailWorker');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.transport) {
      this.logger.log('No SMTP_URL: mails stay in the outbox (see /api/admin/mails)');
      return;
    }
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Let a batch in flight finish before the database pool closes under it.
    await this.running;
    this.transport?.close();
  }

  /** Claims one batch of due mails and sends them; for the poller, tests and a future CLI. */
  async drainOnce(batchSize = MAIL_BATCH_SIZE): Promise<DrainResult> {
    if (!this.transport) return { claimed: 0, sent: 0, failed: 0 };
    const claimed = await this.claim(batchSize);
    let sent = 0;
    let failed = 0;
    for (const mail of claimed) {
      // Sends are sequential: renew the lease of each mail just before its turn, and skip it if it was lost.
      if (!(await this.renewLease(mail))) continue;
      if (await this.send(this.transport, mail)) sent++;
      else failed++;
    }
    return { claimed: claimed.length, sent, failed };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule(this.config.mailWorkerIntervalMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      // A full batch means more may be waiting: keep going until the outbox is drained (or we are stopping).
      while (!this.stopped && (await this.drainOnce()).claimed === MAIL_BATCH_SIZE);
    } catch (error) {
      this.logger.error(`Mail worker pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** One statement, committed on its own: select with SKIP LOCKED, take the lease, count the attempt. */
  private async claim(batchSize: number): Promise<ClaimedMail[]> {
    const [rows] = await this.dataSource.query<[ClaimedMail[], number]>(
      `WITH due AS (
         SELECT id FROM outbox_mail
          WHERE sent_at IS NULL AND attempts < $2 AND next_attempt_at <= now()
            AND (locked_until IS NULL OR locked_until < now())
          ORDER BY next_attempt_at, created_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE outbox_mail m
          SET locked_until = now() + make_interval(secs => $3), attempts = m.attempts + 1
         FROM due WHERE m.id = due.id
       RETURNING m.id, m.to_address, m.subject, m.text_body, m.attempts`,
      [batchSize, MAIL_MAX_ATTEMPTS, LEASE_SECONDS],
    );
    return rows;
  }

  private async renewLease(mail: ClaimedMail): Promise<boolean> {
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE outbox_mail SET locked_until = now() + make_interval(secs => $3) WHERE id = $1 AND attempts = $2 AND sent_at IS NULL`,
      [mail.id, mail.attempts, LEASE_SECONDS],
    );
    return count === 1;
  }

  private async send(transport: MailTransport, mail: ClaimedMail): Promise<boolean> {
    try {
      await transport.sendMail({
        from: this.config.mailFrom,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        messageId: `<${mail.id}@${this.messageIdDomain()}>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const last = mail.attempts >= MAIL_MAX_ATTEMPTS;
      await this.dataSource.query(
        `UPDATE outbox_mail
            SET locked_until = NULL, last_error = $3, next_attempt_at = now() + make_interval(secs => $4)
          WHERE id = $1 AND attempts = $2 AND sent_at IS NULL`,
        [mail.id, mail.attempts, last ? `${message} (abandonné après ${mail.attempts} tentatives)` : message, backoffSeconds(mail.attempts)],
      );
      this.logger.warn(`Mail ${mail.id} to ${mail.to_address} failed (attempt ${mail.attempts}): ${message}`);
      return false;
    }
    await this.dataSource.query(
      `UPDATE outbox_mail SET sent_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1 AND attempts = $2`,
      [mail.id, mail.attempts],
    );
    return true;
  }

  private messageIdDomain(): string {
    return /@([\w.-]+)/.exec(this.config.mailFrom)?.[1] ?? 'tremplin.localhost';
  }
}
