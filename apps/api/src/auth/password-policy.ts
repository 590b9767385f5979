import type { FieldError } from '../common/errors/domain-error.js';

export const MIN_PASSWORD_LENGTH = 12;
/** argon2 hashes anything, but a megabyte "password" is a denial-of-service attempt */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * A small list of passwords that pass the length rule but appear at the top of breach lists, plus
 * words people build clinic passwords from. Compared case-insensitively, ignoring spaces and
 * separators, and also with trailing digits/symbols removed ("Password123!" → "password").
 */
const COMMON_PASSWORDS = new Set([
  'password', 'passw0rd', 'passwordpassword', 'password1234', 'qwertyuiop', 'qwertyuiopasdf', 'qwerty123456',
  'qwertyqwerty', '123456789012', '1234567890ab', 'abcdefghijkl', 'abc123abc123', 'iloveyou1234', 'letmeinplease',
  'welcome', 'welcomewelcome', 'changeme', 'changemenow', 'administrator', 'admin', 'adminadmin', 'superuser',
  'trustno1trustno1', 'football', 'baseball', 'sunshine', 'princess', 'dragon', 'monkey', 'starwars',
  'whatever', 'letmein', 'master', 'secret', 'default', 'voicedesk', 'clinic', 'medical', 'doctor', 'nurse',
  'hospital', 'reception', 'receptionist', 'patient', 'health', 'healthcare', 'vancouver', 'canada',
  'correcthorsebatterystaple', 'aaaaaaaaaaaa', '111111111111', '000000000000', '123123123123',
]);

function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s._-]+/g, '');
}

function stem(text: string): string {
  return normalise(text).replace(/[\d!@#$%^&*?]+$/, '');
}

/**
 * Field errors for a new password (empty when acceptable): at least 12 characters, not the
 * email (nor its local part), not a common password, not one character repeated.
 */
export function passwordPolicyErrors(password: string, email: string, field = 'newPassword'): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (message: string) => errors.push({ field, message });
  if (password.length < MIN_PASSWORD_LENGTH) {
    fail(`This password is too short: use at least ${MIN_PASSWORD_LENGTH} characters`);
    return errors;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    fail(`This password is too long: use at most ${MAX_PASSWORD_LENGTH} characters`);
    return errors;
  }
  const candidate = normalise(password);
  const lowerEmail = email.trim().toLowerCase();
  const localPart = normalise(lowerEmail.split('@')[0] ?? '');
  if (candidate === normalise(lowerEmail) || (localPart.length >= 4 && stem(password) === localPart)) {
    fail('This password must not be your email address');
  }
  if (COMMON_PASSWORDS.has(candidate) || COMMON_PASSWORDS.has(stem(password))) {
    fail('This password is too common; choose a longer passphrase');
  } else if (new Set(candidate).size <= 2) {
    fail('This password must not be one or two characters repeated');
  }
  return errors;
}
