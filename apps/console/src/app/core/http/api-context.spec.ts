import { ClinicsService } from '@voicedesk/api-client';
import { describe, expect, it } from 'vitest';
import { isApiRequest } from './api-context';

const path = ClinicsService.ClinicsListPath;

describe('isApiRequest', () => {
  it('with the same-origin root, takes paths of this origin and nothing else', () => {
    expect(isApiRequest(path, '')).toBe(true);
    expect(isApiRequest(`//evil.example${path}`, '')).toBe(false);
    expect(isApiRequest(`/\\evil.example${path}`, '')).toBe(false);
    expect(isApiRequest(`https://evil.example${path}`, '')).toBe(false);
  });

  it('with an absolute root, takes addresses under that root only', () => {
    const root = 'https://voicedesk.example';
    expect(isApiRequest(`${root}${path}`, root)).toBe(true);
    expect(isApiRequest(`https://voicedesk.example.evil.test${path}`, root)).toBe(false);
    expect(isApiRequest(path, root)).toBe(false);
  });
});
