import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PlatformSetting } from './platform-setting.entity.js';

/** The platform switches, with their defaults (a key without a row has its default). */
export interface PlatformSettings {
  /** every platform admin must use TOTP MFA; one without is made to enrol at the next sign-in */
  requireMfaForAdmins: boolean;
}

export const DEFAULT_PLATFORM_SETTINGS: PlatformSettings = { requireMfaForAdmins: false };

@Injectable()
export class PlatformSettingsService {
  constructor(@InjectRepository(PlatformSetting) private readonly settings: Repository<PlatformSetting>) {}

  async get(): Promise<PlatformSettings> {
    const rows = await this.settings.find();
    const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
    return {
      requireMfaForAdmins:
        typeof stored.requireMfaForAdmins === 'boolean' ? stored.requireMfaForAdmins : DEFAULT_PLATFORM_SETTINGS.requireMfaForAdmins,
    };
  }

  /** Writes the keys given (others keep their values) and answers the whole set. */
  async update(patch: Partial<PlatformSettings>, actorId: string): Promise<PlatformSettings> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
    if (entries.length) {
      await this.settings.upsert(
        entries.map(([key, value]) => ({ key, value, updatedBy: actorId })),
        { conflictPaths: ['key'] },
      );
    }
    return this.get();
  }
}
