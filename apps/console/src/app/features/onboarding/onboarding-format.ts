import type { OnboardingDto } from '@voicedesk/api-client';

export type OnboardingFlag = keyof OnboardingDto['flags'];

/** Where each flag is done, and how it reads on the checklist. */
export interface FlagGuide {
  label: string;
  /** route commands under the clinic, with an optional settings section */
  link: { path: string; section?: string } | null;
  linkText: string;
}

export const FLAG_GUIDES: Readonly<Record<OnboardingFlag, FlagGuide>> = {
  clinicInfoDone: { label: 'Clinic details', link: { path: 'settings', section: 'clinic' }, linkText: 'Open clinic details' },
  privacyOfficerSet: { label: 'Privacy officer', link: { path: 'settings', section: 'privacy' }, linkText: 'Name the privacy officer' },
  baaSigned: { label: 'Agreements signed', link: { path: 'settings', section: 'agreements' }, linkText: 'Open agreements' },
  emrConnected: { label: 'EMR connected', link: { path: 'settings', section: 'emr' }, linkText: 'Connect and test the EMR' },
  providersDone: { label: 'Providers synced', link: { path: 'providers' }, linkText: 'Sync providers' },
  hoursDone: { label: 'Business hours saved', link: { path: 'hours' }, linkText: 'Set the hours' },
  vapiAssigned: { label: 'Vapi number and assistant assigned', link: { path: 'settings', section: 'voice' }, linkText: 'Open voice settings' },
  testCallPassed: { label: 'Test call passed', link: null, linkText: '' },
};

export interface ChecklistItem {
  flag: OnboardingFlag;
  done: boolean;
  label: string;
  /** what it still needs, in the API's plain words; null when done */
  needs: string | null;
  guide: FlagGuide;
}

export interface ChecklistStep {
  step: number;
  name: string;
  done: boolean;
  items: ChecklistItem[];
}

/** The API's steps and flags as the checklist shows them, each undone flag with what it still needs. */
export function checklist(o: OnboardingDto): ChecklistStep[] {
  const needs = new Map([...o.missingToComplete, ...o.missingToActivate].map((m) => [m.flag, m.message]));
  return o.steps.map((s) => ({
    step: s.step,
    name: s.name,
    done: s.done,
    items: s.flags.map((flag) => {
      const f = flag as OnboardingFlag;
      const done = o.flags[f];
      return { flag: f, done, label: FLAG_GUIDES[f].label, needs: done ? null : (needs.get(f) ?? 'Not done yet'), guide: FLAG_GUIDES[f] };
    }),
  }));
}

/** `5 of 8 done` */
export function progressText(o: OnboardingDto): string {
  const flags = Object.values(o.flags);
  return `${flags.filter(Boolean).length} of ${flags.length} done`;
}

/** Whether "Complete onboarding" can be pressed, and why not. */
export function completeState(o: OnboardingDto): { can: boolean; why: string | null } {
  if (o.completedAt) return { can: false, why: 'Onboarding is complete.' };
  return o.missingToComplete.length ? { can: false, why: `Still needed: ${o.missingToComplete.length} of the first six items.` } : { can: true, why: null };
}

/** Whether an admin's "Go live" can be pressed, and why not (the API's own gate). */
export function goLiveState(o: OnboardingDto): { can: boolean; why: string | null } {
  if (o.clinicStatus === 'active') return { can: false, why: 'The clinic is live.' };
  if (o.clinicStatus !== 'pending') return { can: false, why: 'Only a pending clinic can go live.' };
  return o.missingToActivate.length ? { can: false, why: o.missingToActivate.map((m) => m.message).join('. ') + '.' } : { can: true, why: null };
}
