import { call, type ApiTarget, type JsonResponse } from './http.js';

/**
 * Takes a clinic live the way a platform admin does (the go-live rule, SPEC §9 / seed 000's
 * onboarding): the clinic's details, privacy officer and agreements, the EMR connection tested and
 * providers synced (its EMR settings must already point at an OSCAR), the opening hours saved,
 * onboarding completed, the Vapi number assigned and a test call passed, then `POST …/activate`.
 * Throws naming the step that was refused.
 */
export async function goLive(api: ApiTarget, adminToken: string, clinicId: string): Promise<void> {
  const as = async (what: string, method: string, path: string, body?: unknown): Promise<JsonResponse> => {
    const response = await call(api, method, `/api/clinics/${clinicId}${path}`, { token: adminToken, body });
    if (response.status < 200 || response.status >= 300) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  await as('clinic details', 'PATCH', '', { phone: '+16045550199', address: '1 Harbour Way', city: 'Vancouver', postalCode: 'V6B 1A1' });
  await as('privacy officer and agreements', 'PUT', '/config', {
    privacyOfficer: { privacyOfficerName: 'Dana Lee', privacyOfficerEmail: 'privacy@clinic.example' },
    agreements: { baaVapiSigned: true, baaHostingSigned: true },
  });
  await as('EMR test', 'POST', '/emr/test-connection');
  await as('provider sync', 'POST', '/providers/sync');
  const hours = await as('read hours', 'GET', '/hours');
  await as('save hours', 'PUT', '/hours', hours.body);
  await as('complete onboarding', 'POST', '/onboarding/complete');
  await as('Vapi flags', 'PATCH', '/onboarding', { vapiAssigned: true, testCallPassed: true });
  await as('activate', 'POST', '/activate');
}
