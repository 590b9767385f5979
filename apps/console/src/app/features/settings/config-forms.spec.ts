import type { AgreementsSectionDto, EmrSectionDto, SmsSectionDto } from '@voicedesk/api-client';
import { describe, expect, it } from 'vitest';
import {
  emrForm, privacyForm, smsForm, toAgreementsUpdate, toEmrUpdate, toPrivacyUpdate, toSchedulingUpdate, toSmsUpdate, toVoiceUpdate, voiceForm,
} from './config-forms';

const emr: EmrSectionDto = {
  emrType: 'oscar-universal', oscarUrl: 'https://oscar.example.ca/oscar', oscarSoapUsername: '128',
  oscarSoapPassword: { set: true, masked: '••••9876' }, oscarTlsVerify: true, oscarAdmissionProgramId: null,
  oscarConnectionVerified: true, oscarConsumerKey: null, oscarConsumerSecret: null, oscarLastSync: null, oscarLastVerifiedAt: null,
  oscarOauthTokenExpiresAt: null, oscarPreferRest: false, oscarTokenKey: null, oscarTokenSecret: null, oscarVersion: null,
};

describe('settings sections: form ↔ PUT body', () => {
  it('EMR: the password field starts empty and is sent only when a new one was typed', () => {
    const form = emrForm(emr);
    expect(form.oscarSoapPassword).toBe('');
    expect(toEmrUpdate(form)).toEqual({
      emr: { emrType: 'oscar-universal', oscarUrl: 'https://oscar.example.ca/oscar', oscarSoapUsername: '128', oscarTlsVerify: true, oscarAdmissionProgramId: null },
    });
    const changed = toEmrUpdate({ ...form, oscarSoapPassword: 'new secret', oscarTlsVerify: false, oscarAdmissionProgramId: '10016', oscarUrl: '  ' });
    expect(changed.emr).toMatchObject({ oscarSoapPassword: 'new secret', oscarTlsVerify: false, oscarAdmissionProgramId: 10016, oscarUrl: null });
  });

  it('voice: languages from the boxes; the Vapi ids are sent by an admin only', () => {
    const form = voiceForm({
      defaultLanguage: 'en', supportedLanguages: ['en', 'zh'], vapiAssistantId: 'asst_1', vapiConnectionVerified: false,
      vapiLastVerifiedAt: null, vapiPhoneNumberId: null, vapiSquadId: null, vapiWebhookSecret: null, voiceAgentEnabled: true,
    }, {
      appointmentTypeMappings: null, customGreeting: 'Welcome to Harbour', customGreetingZh: null, defaultProviderId: null,
      preferredPharmacy: null, preferredPharmacyAddr: null, preferredPharmacyFax: null, transferPhoneNumber: '+16045550199',
    });
    expect(form).toMatchObject({ supportsEnglish: true, supportsChinese: true, vapiAssistantId: 'asst_1', vapiPhoneNumberId: '' });
    expect(toVoiceUpdate({ ...form, supportsEnglish: false, customGreetingZh: '  ' }, false)).toEqual({
      voice: { voiceAgentEnabled: true, supportedLanguages: ['zh'], defaultLanguage: 'en' },
      clinicalControl: { customGreeting: 'Welcome to Harbour', customGreetingZh: null, transferPhoneNumber: '+16045550199' },
    });
    expect(toVoiceUpdate(form, true).voice).toMatchObject({ vapiAssistantId: 'asst_1', vapiPhoneNumberId: null, vapiSquadId: null });
  });

  it('scheduling rules: one PUT with the scheduling, booking and registration fields of the screen; blank numbers left out, a blank weekly cap is "no cap"', () => {
    expect(
      toSchedulingUpdate({
        appointmentDuration: 15, bufferTime: 10, maxAdvanceBookingDays: null, minAdvanceBookingHours: 2, offerHoldMinutes: 4, allowSameDayBooking: true,
        allowWeekendBooking: false, cancellationMinNoticeHours: 24, maxApptsPerPatientPerDay: 1, providerFallbackBehavior: 'ask_patient',
        maxFallbackProviders: 2, fallbackSearchWindowDays: null, requireDOBVerification: true, askReasonBeforeSearch: false,
        newPatientRequiresLongerSlot: true, newPatientMinDuration: 30, acceptingNewPatients: false, waitlistEnabled: true, maxNewPatientsPerWeek: null,
      }),
    ).toEqual({
      scheduling: { appointmentDuration: 15, bufferTime: 10, minAdvanceBookingHours: 2, offerHoldMinutes: 4 },
      voiceBooking: {
        allowSameDayBooking: true, allowWeekendBooking: false, cancellationMinNoticeHours: 24, maxApptsPerPatientPerDay: 1, providerFallbackBehavior: 'ask_patient',
        maxFallbackProviders: 2, requireDOBVerification: true, askReasonBeforeSearch: false, newPatientRequiresLongerSlot: true, newPatientMinDuration: 30,
      },
      registration: { acceptingNewPatients: false, waitlistEnabled: true, maxNewPatientsPerWeek: null },
    });
  });

  it('SMS: an empty template is null (the built-in message); the sender number is the admin’s', () => {
    const sms: SmsSectionDto = {
      smsEnabled: true, smsInboundWebhookEnabled: false, smsSenderNumber: '+16045550100', smsTemplateBookEn: '{clinicName}: booked for {dateTime}',
      smsTemplateBookZh: null, smsTemplateCancelEn: null, smsTemplateCancelZh: null, smsTemplateRescheduleEn: null, smsTemplateRescheduleZh: null,
    };
    const form = smsForm(sms);
    expect(form.smsTemplateBookZh).toBe('');
    expect(form.smsSenderNumber).toBe('+1 604-555-0100');
    const managerBody = toSmsUpdate({ ...form, smsTemplateBookEn: '  ' }, false);
    expect(managerBody.sms).not.toHaveProperty('smsSenderNumber');
    expect(managerBody.sms).toMatchObject({ smsEnabled: true, smsTemplateBookEn: null, smsTemplateRescheduleZh: null });
    expect(toSmsUpdate(form, true).sms).toMatchObject({ smsSenderNumber: '+16045550100', smsTemplateBookEn: '{clinicName}: booked for {dateTime}' });
  });

  it('privacy and retention: blank retention is the system default (null), days are numbers', () => {
    const form = privacyForm(
      { privacyOfficerName: 'Pat', privacyOfficerEmail: null, privacyOfficerPhone: null },
      { transcriptRetentionDays: 30, callLogRetentionDays: null },
    );
    expect(form).toMatchObject({ privacyOfficerEmail: '', transcriptRetentionDays: '30', callLogRetentionDays: '' });
    expect(toPrivacyUpdate({ ...form, callLogRetentionDays: '400' })).toEqual({
      privacyOfficer: { privacyOfficerName: 'Pat', privacyOfficerEmail: null, privacyOfficerPhone: null },
      retention: { transcriptRetentionDays: 30, callLogRetentionDays: 400 },
    });
  });

  it('agreements: a newly signed one is dated now, an unsigned one loses its date, an unchanged one is not sent', () => {
    const current: AgreementsSectionDto = { baaHostingSigned: true, baaHostingSignedAt: '2026-01-01T00:00:00.000Z', baaVapiSigned: false, baaVapiSignedAt: null };
    const now = new Date('2026-11-23T18:00:00.000Z');
    expect(toAgreementsUpdate({ baaHostingSigned: true, baaVapiSigned: true }, current, now)).toEqual({
      agreements: { baaVapiSigned: true, baaVapiSignedAt: '2026-11-23T18:00:00.000Z' },
    });
    expect(toAgreementsUpdate({ baaHostingSigned: false, baaVapiSigned: false }, current, now)).toEqual({
      agreements: { baaHostingSigned: false, baaHostingSignedAt: null },
    });
  });
});
