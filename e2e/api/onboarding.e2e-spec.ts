import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiSuite, type ApiSuite } from '../../libs/testing/src/api-suite.js';
import { startTestOscarSim, type TestOscarSim } from '../../libs/testing/src/oscar-sim.js';

const flagsOf = (body: { flags: Record<string, boolean> }) => Object.entries(body.flags).filter(([, v]) => v).map(([k]) => k).sort();

describe('onboarding a clinic and activating it', () => {
  let s: ApiSuite;
  let sim: TestOscarSim;
  beforeAll(async () => {
    [s, sim] = await Promise.all([startApiSuite(), startTestOscarSim()]);
  });
  afterAll(async () => {
    await Promise.all([s?.t.close(), sim?.close()]);
  });

  it('follows the settings: each step turns done as the manager and admin fill them in, then completes and activates', async () => {
    const clinic = await s.newClinic({ name: 'Harbourview Family Practice' });
    const manager = await s.managerOf(clinic.id);
    const path = `/api/clinics/${clinic.id}/onboarding`;
    const read = async () => (await s.as(manager.token, 'GET', path)).body;

    const fresh = await read();
    expect(fresh).toMatchObject({ clinicId: clinic.id, clinicStatus: 'pending', currentStep: 1, completedAt: null });
    expect(flagsOf(fresh)).toEqual([]);
    expect(fresh.steps.map((st: { name: string }) => st.name)).toEqual(['Clinic details', 'EMR connection', 'Business hours', 'Validation']);
    expect(fresh.missingToComplete.map((m: { flag: string }) => m.flag)).toEqual(['clinicInfoDone', 'privacyOfficerSet', 'baaSigned', 'emrConnected', 'providersDone', 'hoursDone']);

    const early = await s.as(manager.token, 'POST', `${path}/complete`);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/^Onboarding cannot be completed yet: the clinic's name, phone, address, city, postal code and time zone are not all filled in; /);
    expect(early.body.errors).toContainEqual({ field: 'hoursDone', message: 'Business hours have not been saved' });

    // step 1: clinic details (manager), privacy officer (manager), agreements (admin)
    await s.as(manager.token, 'PATCH', `/api/clinics/${clinic.id}`, { phone: '+16045550199', address: '1 Harbour Way', city: 'Vancouver', postalCode: 'V6B 1A1' });
    await s.as(manager.token, 'PUT', `/api/clinics/${clinic.id}/config`, { privacyOfficer: { privacyOfficerName: 'Dana Lee', privacyOfficerEmail: 'privacy@harbourview.example' } });
    expect(flagsOf(await read())).toEqual(['clinicInfoDone', 'privacyOfficerSet']);
    const agreements = await s.as(s.adminToken, 'PUT', `/api/clinics/${clinic.id}/config`, { agreements: { baaVapiSigned: true, baaHostingSigned: true } });
    expect(agreements.status).toBe(200);
    expect((await read()).currentStep).toBe(2);

    // step 2: EMR connection verified and providers synced from the simulator
    expect((await s.connectToSim(clinic.id, sim)).status).toBe(200);
    expect((await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/emr/test-connection`)).status).toBe(200);
    expect((await read()).flags).toMatchObject({ emrConnected: true, providersDone: false });
    expect((await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/providers/sync`)).status).toBe(200);
    expect((await read()).currentStep).toBe(3);

    // step 3: hours saved
    const hours = (await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/hours`)).body;
    expect((await s.as(manager.token, 'PUT', `/api/clinics/${clinic.id}/hours`, hours)).status).toBe(200);
    const ready = await read();
    expect(ready).toMatchObject({ currentStep: 4, missingToComplete: [] });

    // a changed privacy officer email would show at once: the flags are read from the settings
    await s.as(manager.token, 'PUT', `/api/clinics/${clinic.id}/config`, { privacyOfficer: { privacyOfficerEmail: null } });
    expect((await read()).flags.privacyOfficerSet).toBe(false);
    await s.as(manager.token, 'PUT', `/api/clinics/${clinic.id}/config`, { privacyOfficer: { privacyOfficerEmail: 'privacy@harbourview.example' } });

    // activation before completion says what is missing
    const tooSoon = await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/activate`);
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.message).toBe('The clinic cannot be activated yet: onboarding has not been completed; no Vapi number has been assigned; no test call has passed');

    const completed = await s.as(manager.token, 'POST', `${path}/complete`);
    expect(completed.status).toBe(200);
    expect(completed.body.completedAt).toBeTruthy();
    expect((await s.as(manager.token, 'POST', `${path}/complete`)).body.completedAt).toBe(completed.body.completedAt);
    // the platform admins hear about it once (the repeated complete changes nothing), the manager does not
    const adminInbox = await s.as(s.adminToken, 'GET', '/api/notifications');
    const aboutThisClinic = adminInbox.body.items.filter((n: { link: string }) => n.link === `/clinics/${clinic.id}/settings`);
    expect(aboutThisClinic).toHaveLength(1);
    expect(aboutThisClinic[0]).toMatchObject({ type: 'onboarding_completed', read: false, title: expect.stringContaining('finished onboarding') });
    expect((await s.as(manager.token, 'GET', '/api/notifications')).body.items).toEqual([]);

    // the Vapi flags and activation are the admin's
    const byManager = await s.as(manager.token, 'PATCH', path, { vapiAssigned: true });
    expect(byManager.status).toBe(403);
    expect(byManager.body.message).toBe('Only a platform admin may mark the Vapi number as assigned or a test call as passed');
    expect((await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/activate`)).status).toBe(403);
    expect((await s.as(s.adminToken, 'PATCH', path, { vapiAssigned: true })).body.missingToActivate).toEqual([{ flag: 'testCallPassed', message: 'No test call has passed' }]);
    expect((await s.as(s.adminToken, 'PATCH', path, { testCallPassed: 'yes' })).status).toBe(400);
    expect((await s.as(s.adminToken, 'PATCH', path, { testCallPassed: true })).body.missingToActivate).toEqual([]);

    const activated = await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ id: clinic.id, status: 'active' });
    const again = await s.as(s.adminToken, 'POST', `/api/clinics/${clinic.id}/activate`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('The clinic is active; only a pending clinic can be activated');
    expect((await read()).clinicStatus).toBe('active');

    const actions = await s.t.db.dataSource.query(
      `SELECT action, outcome FROM audit_logs WHERE clinic_id = $1 AND action IN ('onboarding.complete', 'onboarding.update', 'clinic.activate') AND outcome = 'success'`,
      [clinic.id],
    );
    expect(new Set(actions.map((a: { action: string }) => a.action))).toEqual(new Set(['onboarding.complete', 'onboarding.update', 'clinic.activate']));
  });

  it('reads a clinic without a checklist row as not started, and keeps other clinics out of reach', async () => {
    const clinic = await s.newClinic();
    await s.t.db.dataSource.query('DELETE FROM onboarding_progress WHERE clinic_id = $1', [clinic.id]);
    const response = await s.as(s.adminToken, 'GET', `/api/clinics/${clinic.id}/onboarding`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ currentStep: 1, completedAt: null });
    expect((await s.as(s.adminToken, 'PATCH', `/api/clinics/${clinic.id}/onboarding`, { vapiAssigned: true })).body.flags.vapiAssigned).toBe(true);
    const other = await s.newClinic();
    const manager = await s.managerOf(other.id);
    expect((await s.as(manager.token, 'GET', `/api/clinics/${clinic.id}/onboarding`)).status).toBe(404);
    expect((await s.as(manager.token, 'POST', `/api/clinics/${clinic.id}/activate`)).status).toBe(404);
  });
});
