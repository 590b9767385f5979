/**
 * The associated data every clinic_config secret is encrypted with, so a ciphertext copied to
 * another clinic or another column no longer decrypts. Everything that encrypts or decrypts a
 * clinic secret (config API, EMR adapter factory, demo seed) goes through this one function:
 *   box.encrypt(password, clinicSecretContext(clinicId, 'oscarSoapPasswordEnc'))
 */
export type ClinicSecretField =
  | 'oscarSoapPasswordEnc'
  | 'oscarConsumerSecretEnc'
  | 'oscarTokenSecretEnc'
  | 'vapiWebhookSecret';

export function clinicSecretContext(clinicId: string, field: ClinicSecretField): string {
  if (!clinicId) throw new Error('clinicSecretContext needs a clinic id');
  return `clinic_config.${field}:${clinicId}`;
}
