import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';

describe('OpenAPI description of the clinic and provider routes', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, { operationId: string; security?: unknown[]; responses: Record<string, unknown> }>>; components: { schemas: Record<string, any> } };
  beforeAll(async () => {
    t = await createTestApp();
    document = (await (await fetch(`${t.baseUrl}/api/openapi.json`)).json()) as typeof document;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names every operation Controller_method and puts each behind the bearer token', () => {
    const expected: Record<string, Record<string, string>> = {
      '/api/clinics': { get: 'Clinics_list', post: 'Clinics_create' },
      '/api/clinics/{clinicId}': { get: 'Clinics_get', patch: 'Clinics_update' },
      '/api/clinics/{clinicId}/config': { get: 'ClinicConfig_get', put: 'ClinicConfig_update' },
      '/api/clinics/{clinicId}/hours': { get: 'ClinicHours_get', put: 'ClinicHours_replace' },
      '/api/clinics/{clinicId}/holidays': { get: 'ClinicHolidays_list', post: 'ClinicHolidays_create' },
      '/api/clinics/{clinicId}/holidays/{id}': { delete: 'ClinicHolidays_delete' },
      '/api/clinics/{clinicId}/providers': { get: 'Providers_list' },
      '/api/clinics/{clinicId}/providers/{providerId}': { get: 'Providers_get', patch: 'Providers_update' },
      '/api/clinics/{clinicId}/providers/{providerId}/effective-config': { get: 'Providers_effectiveConfig' },
    };
    for (const [path, operations] of Object.entries(expected)) {
      for (const [method, operationId] of Object.entries(operations)) {
        const operation = document.paths[path]?.[method];
        expect(operation?.operationId, `${method} ${path}`).toBe(operationId);
        expect(operation.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain('401');
      }
    }
    expect(document.paths['/api/clinics/{clinicId}'].delete).toBeUndefined();
  });

  it('shows secrets as masks and takes them write-only; every config field has a type and an example', () => {
    const schemas = document.components.schemas;
    expect(schemas.EmrSectionDto.properties.oscarSoapPassword).toBeDefined();
    expect(JSON.stringify(schemas.EmrSectionDto)).not.toMatch(/Enc"/);
    expect(schemas.UpdateEmrSectionDto.properties.oscarSoapPassword.oneOf).toHaveLength(2);
    for (const name of ['RegistrationSectionDto', 'SchedulingSectionDto', 'VoiceBookingSectionDto', 'SmsSectionDto']) {
      for (const [field, property] of Object.entries<any>(schemas[name].properties)) {
        expect(property.type ?? property.enum ?? property.$ref ?? property.allOf, `${name}.${field}`).toBeDefined();
        expect('example' in property, `${name}.${field} example`).toBe(true);
      }
    }
    expect(schemas.VoiceBookingSectionDto.properties.providerFallbackBehavior.$ref ?? schemas.VoiceBookingSectionDto.properties.providerFallbackBehavior.allOf?.[0]?.$ref).toBe('#/components/schemas/ProviderFallbackBehavior');
    expect(schemas.ProviderFallbackBehavior.enum).toEqual(['best_available', 'same_specialty', 'ask_patient', 'waitlist_only']);
  });
});
