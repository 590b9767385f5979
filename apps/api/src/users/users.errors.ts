import { DomainError } from '../common/errors/domain-error.js';

/** 409: the change would break a rule about users (duplicate email, last admin, self-lockout). */
export class UserConflictError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}
