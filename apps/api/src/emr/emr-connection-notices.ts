import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import type { Repository } from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { ClinicStatus } from '../database/enums.js';
import { ClinicAlerts } from '../notifications/clinic-alerts.js';
import { notificationLinks } from '../../../../libs/shared/src/notification-links.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { EmrAdapterFactory, type EmrConnectionChange } from './emr-adapter.factory.js';

/**
 * "EMR connection lost" and "EMR connection back" notifications, to the clinic's managers and
 * every platform admin: one of each per incident and clinic, whichever replica's circuit breaker
 * saw it (the `emr_connection` row of `clinic_alerts` decides, in PostgreSQL). An incident opens
 * when a replica's breaker for the clinic opens, and ends when one of them closes again after a
 * good probe or a connection test passes (docs/notifications.md). Only a live (`active`) clinic's
 * connection is announced lost: a pending clinic's EMR is still being set up, and its connection
 * test says what is wrong.
 */
@Injectable()
export class EmrConnectionNotices implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('EmrConnectionNotices');
  private readonly pending = new Set<Promise<void>>();
  private subscription: Subscription | undefined;

  constructor(
    private readonly factory: EmrAdapterFactory,
    private readonly alerts: ClinicAlerts,
    private readonly notifications: NotificationsService,
    @InjectRepository(Clinic) private readonly clinics: Repository<Clinic>,
  ) {}

  onModuleInit(): void {
    this.subscription = this.factory.connection$.subscribe((change) => this.track(change));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Resolves once every notice this replica has begun is written (tests wait on it). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending);
  }

  private track(change: EmrConnectionChange): void {
    const work = (change.connected ? this.back(change.clinicId) : this.lost(change.clinicId))
      .catch((err: unknown) => this.logger.error({ clinicId: change.clinicId, err }, 'EMR connection notice not written'))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  private async lost(clinicId: string): Promise<void> {
    const clinic = await this.clinics.findOne({ select: { name: true, status: true }, where: { id: clinicId } });
    if (clinic?.status !== ClinicStatus.Active) return;
    if (!(await this.alerts.open(clinicId, 'emr_connection'))) return;
    const name = clinic.name;
    this.logger.warn({ clinicId }, 'EMR connection lost: notifying the clinic’s managers and the admins');
    await this.notifications.send(await this.notifications.clinicRecipients(clinicId, { admins: true }), {
      type: 'emr_connection_lost',
      title: `${name}: EMR connection lost`,
      message:
        'VoiceDesk cannot reach the clinic’s OSCAR: until it is back, the voice agent cannot look patients up or book, and tells callers so. ' +
        'Check that OSCAR is running and reachable. You will be told when the connection is back.',
      link: notificationLinks.emrConnection(clinicId),
    });
  }

  private async back(clinicId: string): Promise<void> {
    if (!(await this.alerts.close(clinicId, 'emr_connection'))) return;
    const name = await this.clinicName(clinicId);
    this.logger.log({ clinicId }, 'EMR connection back: notifying the clinic’s managers and the admins');
    await this.notifications.send(await this.notifications.clinicRecipients(clinicId, { admins: true }), {
      type: 'emr_connection_back',
      title: `${name}: EMR connection back`,
      message: 'VoiceDesk reaches the clinic’s OSCAR again: the voice agent looks patients up and books again.',
      link: notificationLinks.emrConnection(clinicId),
    });
  }

  private async clinicName(clinicId: string): Promise<string> {
    return (await this.clinics.findOne({ select: { name: true }, where: { id: clinicId } }))?.name ?? 'A clinic';
  }
}
