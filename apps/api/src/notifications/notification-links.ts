/**
 * The console pages notifications link to (console routes, relative to the console's root). The
 * console's unit test `notification-links.spec.ts` checks that each of these shapes opens a page.
 */
export const notificationLinks = {
  /** the clinic's EMR connection settings, with their "Test connection" */
  emrConnection: (clinicId: string) => `/clinics/${clinicId}/settings?section=emr`,
  /** the clinic's text settings (sender number, templates): where a failing text is fixed */
  texts: (clinicId: string) => `/clinics/${clinicId}/settings?section=sms`,
  /** the clinic's onboarding and go-live page */
  clinic: (clinicId: string) => `/clinics/${clinicId}/onboarding`,
} as const;
