import { DomainError } from '../common/errors/domain-error.js';

/** 413: the upload is over the size limit. */
export class FaxTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super('TOO_LARGE', `The file is larger than ${Math.round(limitBytes / (1024 * 1024))} MB, the most a fax document may be.`);
  }
}

/** 415: the bytes are not a PDF or a TIFF image (whatever the file's name or declared type says). */
export class FaxUnsupportedTypeError extends DomainError {
  constructor() {
    super('UNSUPPORTED_MEDIA', 'The file is not a PDF or a TIFF image. Send the fax as a PDF or TIFF file.');
  }
}

/** 400: no file in the multipart field `file`. */
export class FaxFileMissingError extends DomainError {
  constructor() {
    super('INVALID', 'Attach the document in the form field "file".', [{ field: 'file', message: 'a PDF or TIFF file is required' }]);
  }
}

/** 409: the action does not fit the document's status (e.g. verifying one still being read). */
export class FaxStateError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}
