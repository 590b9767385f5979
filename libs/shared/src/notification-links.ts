/**
 * The console pages notifications link to: paths of the console (with their query), written by
 * the API and followed by the console. One list for both, so that the console's unit test
 * (`notification-target.spec.ts`) checks that every link the API writes opens a page.
 */
export const notificationLinks = {
  /** one support ticket */
  ticket: (clinicId: string, ticketId: string) => `/clinics/${clinicId}/tickets/${ticketId}`,
  /** one fax of the clinic's fax inbox */
  fax: (clinicId: string, faxId: string) => `/clinics/${clinicId}/faxes/${faxId}`,
  /** the clinic's settings (its first section: the clinic's details) */
  clinicSettings: (clinicId: string) => `/clinics/${clinicId}/settings`,
  /** the clinic's EMR connection settings, with their "Test connection" */
  emrConnection: (clinicId: string) => `/clinics/${clinicId}/settings?section=emr`,
  /** the clinic's text settings (sender number, templates): where a failing text is fixed */
  texts: (clinicId: string) => `/clinics/${clinicId}/texts`,
  /** the clinic's onboarding and go-live page */
  clinic: (clinicId: string) => `/clinics/${clinicId}/onboarding`,
} as const;
