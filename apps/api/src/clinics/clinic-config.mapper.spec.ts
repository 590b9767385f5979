import { getMetadataArgsStorage } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { ClinicSecretField } from '../common/crypto/clinic-secret-context.js';
import { InvalidInputError } from '../common/errors/domain-error.js';
import { ClinicConfig } from './clinic-config.entity.js';
import { CONFIG_FIELDS, MANAGER_FORBIDDEN_CONFIG_FIELDS, planConfigUpdate, toClinicConfigDto } from './clinic-config.mapper.js';
import type { UpdateClinicConfigDto } from './dto/clinic-config.dto.js';

/** A reversible stand-in for the secret box: `enc(<field>|<plain>)`. */
const secrets = {
  seal: (field: ClinicSecretField, plain: string) => `enc(${field}|${plain})`,
  reveal: (field: ClinicSecretField, ciphertext: string) => {
    const match = /^enc\((\w+)\|(.*)\)$/.exec(ciphertext);
    return match && match[1] === field ? match[2] : null;
  },
};

function config(fields: Partial<ClinicConfig> = {}): ClinicConfig {
  return Object.assign(new ClinicConfig(), {
    clinicId: '6f1c2a8e-3b7d-4c55-9f0e-2d7a1b9c4e10',
    emrType: 'oscar-universal',
    oscarUrl: null,
    oscarConsumerSecretEnc: null,
    oscarTokenSecretEnc: null,
    oscarSoapPasswordEnc: null,
    oscarConnectionVerified: false,
    supportedLanguages: ['en', 'zh'],
    defaultLanguage: 'en',
    vapiWebhookSecret: null,
    vapiConnectionVerified: false,
    maxAdvanceBookingDays: 30,
    bufferTime: 5,
    bookableScheduleCodes: [],
    blockedScheduleCodes: [],
    enabledVisitReasons: ['checkup'],
    appointmentTypeMappings: null,
    scheduleTemplateCodes: null,
    appointmentStatuses: null,
    clinicSites: null,
    baaVapiSigned: false,
    baaVapiSignedAt: null,
    baaHostingSigned: false,
    baaHostingSignedAt: null,
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...fields,
  });
}

const plan = (current: ClinicConfig, input: object, now?: Date) => planConfigUpdate(current, input as UpdateClinicConfigDto, secrets, now);

describe('clinic config mapper', () => {
  it('puts every column in its section and never shows a ciphertext or a plain secret', () => {
    const dto = toClinicConfigDto(config({ oscarSoapPasswordEnc: secrets.seal('oscarSoapPasswordEnc', 'hunter2-9876'), vapiWebhookSecret: secrets.seal('vapiWebhookSecret', 'abc') }));
    // only that a secret is set: not even its last characters
    expect(dto.emr.oscarSoapPassword).toEqual({ set: true, masked: '••••' });
    expect(dto.voice.vapiWebhookSecret).toEqual({ set: true, masked: '••••' });
    expect(dto.emr.oscarTokenSecret).toBeNull();
    const json = JSON.stringify(dto);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('9876');
    expect(json).not.toContain('enc(');
    expect(json).not.toMatch(/Enc"/);
  });

  it('a secret that cannot be opened still shows as set', () => {
    const dto = toClinicConfigDto(config({ oscarSoapPasswordEnc: 'garbage' }));
    expect(dto.emr.oscarSoapPassword).toEqual({ set: true, masked: '••••' });
  });

  it('maps every ClinicConfig column except the key and the timestamp', () => {
    const mapped = CONFIG_FIELDS.map((f) => f.column as string).sort();
    const columns = getMetadataArgsStorage()
      .columns.filter((c) => c.target === ClinicConfig)
      .map((c) => c.propertyName)
      .filter((name) => name !== 'clinicId' && name !== 'updatedAt')
      .sort();
    expect(mapped).toEqual(columns);
  });

  it('lists the fields a manager may not change', () => {
    expect(MANAGER_FORBIDDEN_CONFIG_FIELDS).toEqual(
      expect.arrayContaining(['emr.oscarUrl', 'emr.oscarSoapPassword', 'voice.vapiAssistantId', 'voice.vapiWebhookSecret', 'agreements.baaVapiSigned', 'oscarConfig.bookableScheduleCodes', 'sms.smsSenderNumber']),
    );
    expect(MANAGER_FORBIDDEN_CONFIG_FIELDS).not.toContain('voice.voiceAgentEnabled');
    expect(MANAGER_FORBIDDEN_CONFIG_FIELDS).not.toContain('sms.smsTemplateBookEn');
    expect(MANAGER_FORBIDDEN_CONFIG_FIELDS).not.toContain('emr.oscarConnectionVerified');
  });

  it('only fields that are sent and differ count as changes; read-only fields are ignored', () => {
    const result = plan(config(), { scheduling: { maxAdvanceBookingDays: 30, bufferTime: 10 }, emr: { oscarConnectionVerified: true, emrType: 'oscar-universal' } });
    expect(result.changed.map((f) => `${f.section}.${f.key}`)).toEqual(['scheduling.bufferTime']);
    expect(result.patch).toEqual({ bufferTime: 10 });
    expect(result.adminOnlyChanges).toEqual([]);
    expect(result.emrChanged).toBe(false);
  });

  it('jsonb objects compare by content, not key order', () => {
    const current = config({ appointmentTypeMappings: { checkup: { durationMin: 15, code: 'B' } } });
    expect(plan(current, { clinicalControl: { appointmentTypeMappings: { checkup: { code: 'B', durationMin: 15 } } } }).changed).toEqual([]);
  });

  it('secrets: a new value is sealed, the mask (string or object) keeps it, the same plain value is no change, null clears', () => {
    const stored = secrets.seal('oscarSoapPasswordEnc', 'old-1234');
    const current = config({ oscarSoapPasswordEnc: stored, oscarConnectionVerified: true });
    const replaced = plan(current, { emr: { oscarSoapPassword: 'new-5678' } });
    expect(replaced.patch).toEqual({ oscarSoapPasswordEnc: 'enc(oscarSoapPasswordEnc|new-5678)', oscarConnectionVerified: false });
    expect(replaced.emrChanged).toBe(true);
    expect(replaced.adminOnlyChanges).toEqual(['emr.oscarSoapPassword']);
    for (const same of ['••••', { set: true, masked: '••••' }, '••••1234', 'old-1234']) {
      expect(plan(current, { emr: { oscarSoapPassword: same } }).changed).toEqual([]);
    }
    expect(plan(current, { emr: { oscarSoapPassword: null } }).patch).toMatchObject({ oscarSoapPasswordEnc: null });
    expect(plan(config(), { emr: { oscarSoapPassword: null } }).changed).toEqual([]);
  });

  it('a Vapi id change resets the Vapi verification and is admin-only', () => {
    const result = plan(config({ vapiConnectionVerified: true }), { voice: { vapiAssistantId: 'asst-1', voiceAgentEnabled: false } });
    expect(result.patch).toMatchObject({ vapiAssistantId: 'asst-1', vapiConnectionVerified: false, voiceAgentEnabled: false });
    expect(result.adminOnlyChanges).toEqual(['voice.vapiAssistantId']);
  });

  it('signing an agreement records now unless a date is given; unsigning clears the date', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(plan(config(), { agreements: { baaVapiSigned: true } }, now).patch).toEqual({ baaVapiSigned: true, baaVapiSignedAt: now });
    const given = plan(config(), { agreements: { baaHostingSigned: true, baaHostingSignedAt: '2026-02-01T00:00:00Z' } }, now);
    expect(given.patch).toEqual({ baaHostingSigned: true, baaHostingSignedAt: new Date('2026-02-01T00:00:00Z') });
    const unsigned = plan(config({ baaVapiSigned: true, baaVapiSignedAt: now }), { agreements: { baaVapiSigned: false } });
    expect(unsigned.patch).toEqual({ baaVapiSigned: false, baaVapiSignedAt: null });
  });

  it('rules across fields are checked on the result: default language supported, no code both bookable and blocked', () => {
    expect(() => plan(config(), { voice: { supportedLanguages: ['zh'] } })).toThrow(InvalidInputError);
    try {
      plan(config({ bookableScheduleCodes: ['B'] }), { oscarConfig: { blockedScheduleCodes: ['B'] } });
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInputError).fieldErrors).toEqual([{ field: 'oscarConfig.blockedScheduleCodes', message: 'A schedule code cannot be both bookable and blocked: B' }]);
    }
    expect(() => plan(config(), { voiceBooking: { enabledVisitReasons: [] } })).toThrow(InvalidInputError);
    // stored data that already breaks a rule does not block unrelated changes
    expect(plan(config({ defaultLanguage: 'fr' }), { scheduling: { bufferTime: 1 } }).patch).toEqual({ bufferTime: 1 });
  });
});
