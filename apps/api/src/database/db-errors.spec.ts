import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { isDatabaseFailure } from './db-errors.js';

describe('isDatabaseFailure', () => {
  it('knows our database refusing, losing or not giving a connection from any other error', () => {
    expect(isDatabaseFailure(new QueryFailedError('SELECT 1', [], new Error('relation does not exist')))).toBe(true);
    expect(isDatabaseFailure(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseFailure(Object.assign(new Error('database "x" is not currently accepting connections'), { code: '55000' }))).toBe(true);
    expect(isDatabaseFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseFailure(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseFailure(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseFailure('a string')).toBe(false);
  });
});
