import { HttpErrorResponse } from '@angular/common/http';
import { describe, expect, it } from 'vitest';
import { toApiProblem } from './api-error';

describe('toApiProblem', () => {
  it('keeps the API’s message and files its field errors by field', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Some fields need attention.',
        errors: [
          { field: 'email', message: 'email must be an email' },
          { field: 'email', message: 'a second complaint' },
          { field: 'password', message: 'too short' },
        ],
      },
    });
    expect(toApiProblem(error)).toEqual({
      status: 400,
      message: 'Some fields need attention.',
      fieldErrors: { email: 'email must be an email', password: 'too short' },
    });
  });

  it('says the API cannot be reached when the network fails', () => {
    expect(toApiProblem(new HttpErrorResponse({ status: 0 })).message).toMatch(/cannot be reached/);
  });

  it('has a sentence for a body without a message', () => {
    expect(toApiProblem(new HttpErrorResponse({ status: 503, error: '<html>' })).message).toMatch(/problem answering/);
  });
});
