import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobQueue, type JobAttempt } from '../jobs/job-queue.js';

export const NOTIFICATION_EMAIL_JOB = 'notifications.email';

interface NotificationEmailJob {
  notificationId: string;
}

/** What an e-mail says: the notification's title and its link, nothing else. */
export function notificationEmail(title: string, link: string | null, publicUrl: string): { subject: string; text: string } {
  const url = link ? new URL(link, `${publicUrl}/`).toString() : publicUrl;
  return { subject: title, text: `${title}\n\nOpen it in VoiceDesk: ${url}\n\nYou receive this because you have a VoiceDesk account.\n` };
}

/**
 * Optional e-mail delivery of notifications (off unless `SMTP_URL` is set): each notification
 * becomes one job (pg-boss: retried with backoff while the mail server refuses, kept across
 * restarts) that sends its title and link, and nothing else, to its user's address. Titles never
 * carry patient information or a ticket's words (those stay in the console, behind sign-in).
 * `emailed_at` is claimed before sending, so a job that runs twice sends once; a failed send
 * releases it for the retry.
 */
@Injectable()
export class NotificationMailer implements OnApplicationShutdown {
  private readonly logger = new Logger('NotificationMailer');
  /** loaded only when e-mail is on: nodemailer costs a replica ~25 MB */
  private readonly transport: Promise<Transporter> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    if (!config.notifyEmail) return;
    const { smtpUrl } = config.notifyEmail;
    this.transport = import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
    this.transport.catch(() => undefined);
    queue.register<NotificationEmailJob>({
      name: NOTIFICATION_EMAIL_JOB,
      retryLimit: 8,
      retryDelaySeconds: 10,
      retryDelayMaxSeconds: 900,
      expireInSeconds: 60,
      handle: (attempt) => this.deliver(attempt),
    });
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  /** Queues the e-mails of these notifications (nothing when e-mail is off). Never fails the caller's action. */
  async enqueue(notificationIds: string[]): Promise<void> {
    if (!this.transport) return;
    for (const notificationId of notificationIds) {
      try {
        await this.queue.send<NotificationEmailJob>(NOTIFICATION_EMAIL_JOB, { notificationId });
      } catch (err) {
        this.logger.warn({ notificationId, err: { name: (err as Error).name, message: (err as Error).message } }, 'notification e-mail not queued');
      }
    }
  }

  async deliver(attempt: JobAttempt<NotificationEmailJob>): Promise<void> {
    if (!this.transport || !this.config.notifyEmail) return;
    const transport = await this.transport;
    const { notificationId } = attempt.data;
    const [claimed] = (await this.dataSource.query(
      `UPDATE notifications n SET emailed_at = now() FROM users u
        WHERE n.id = $1 AND n.emailed_at IS NULL AND u.id = n.user_id AND u.is_active
        RETURNING n.title, n.link, u.email`,
      [notificationId],
    )) as [{ title: string; link: string | null; email: string }[], number];
    const row = claimed[0];
    if (!row) return;
    const { subject, text } = notificationEmail(row.title, row.link, this.config.publicUrl);
    try {
      await transport.sendMail({ from: this.config.notifyEmail.from, to: row.email, subject, text });
      this.logger.log({ notificationId }, 'notification e-mailed');
    } catch (err) {
      await this.dataSource.query(`UPDATE notifications SET emailed_at = NULL WHERE id = $1`, [notificationId]);
      // the mail server's words may repeat the address: only the kind of failure is logged
      this.logger.warn({ notificationId, attempt: attempt.retryCount + 1, code: (err as { code?: string }).code ?? 'unknown' }, 'notification e-mail not sent: retrying');
      throw new NotificationEmailNotSentError();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    (await this.transport?.catch(() => undefined))?.close();
  }
}

export class NotificationEmailNotSentError extends Error {
  constructor() {
    super('the mail server did not take the notification e-mail');
    this.name = 'NotificationEmailNotSentError';
  }
}
