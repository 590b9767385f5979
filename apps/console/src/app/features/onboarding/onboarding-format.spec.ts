import type { OnboardingDto } from '@voicedesk/api-client';
import { describe, expect, it } from 'vitest';
import { checklist, completeState, goLiveState, progressText } from './onboarding-format';

function onboarding(overrides: Partial<OnboardingDto> = {}): OnboardingDto {
  const flags = { clinicInfoDone: true, privacyOfficerSet: false, baaSigned: true, emrConnected: true, providersDone: true, hoursDone: true, vapiAssigned: false, testCallPassed: false };
  return {
    clinicId: 'c1', clinicStatus: 'pending', completedAt: null, currentStep: 1, flags,
    steps: [
      { step: 1, name: 'Clinic details', flags: ['clinicInfoDone', 'privacyOfficerSet', 'baaSigned'], done: false },
      { step: 2, name: 'EMR connection', flags: ['emrConnected', 'providersDone'], done: true },
      { step: 3, name: 'Business hours', flags: ['hoursDone'], done: true },
      { step: 4, name: 'Validation', flags: ['vapiAssigned', 'testCallPassed'], done: false },
    ],
    missingToComplete: [{ flag: 'privacyOfficerSet', message: "The privacy officer's name and email are not set" }],
    missingToActivate: [
      { flag: 'completedAt', message: 'Onboarding has not been completed' },
      { flag: 'vapiAssigned', message: 'No Vapi number has been assigned' },
      { flag: 'testCallPassed', message: 'No test call has passed' },
    ],
    ...overrides,
  } as OnboardingDto;
}

describe('the onboarding checklist', () => {
  it('shows the 4 steps and 8 flags, each undone one with what it still needs and where it is done', () => {
    const steps = checklist(onboarding());
    expect(steps.map((s) => s.items.length)).toEqual([3, 2, 1, 2]);
    const privacy = steps[0].items[1];
    expect(privacy).toMatchObject({ done: false, label: 'Privacy officer', needs: "The privacy officer's name and email are not set" });
    expect(privacy.guide.link).toEqual({ path: 'settings', section: 'privacy' });
    expect(steps[3].items[0].needs).toBe('No Vapi number has been assigned');
    expect(steps[0].items[0].needs).toBeNull();
    expect(progressText(onboarding())).toBe('5 of 8 done');
  });

  it('gates Complete and Go live exactly as the API does, and says why', () => {
    expect(completeState(onboarding())).toEqual({ can: false, why: 'Still needed: 1 of the first six items.' });
    expect(completeState(onboarding({ missingToComplete: [] }))).toEqual({ can: true, why: null });
    expect(goLiveState(onboarding()).can).toBe(false);
    expect(goLiveState(onboarding()).why).toBe('Onboarding has not been completed. No Vapi number has been assigned. No test call has passed.');
    expect(goLiveState(onboarding({ missingToActivate: [] }))).toEqual({ can: true, why: null });
    expect(goLiveState(onboarding({ clinicStatus: 'active', missingToActivate: [] }))).toEqual({ can: false, why: 'The clinic is live.' });
  });
});
