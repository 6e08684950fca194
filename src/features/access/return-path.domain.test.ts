import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.domain.ts';

describe('safeReturnPath', () => {
  it.each([
    ['/sv/', '/sv/'],
    ['/en/plans/123?tab=goals', '/en/plans/123?tab=goals'],
    ['/ar/privacy#top', '/ar/privacy'],
  ])('keeps the same-origin path %j', (input, expected) => {
    expect(safeReturnPath(input, '/sv/')).toBe(expected);
  });

  it.each([
    null,
    '',
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    'javascript:alert(1)',
    '/\tevil',
    '/\n/evil.example',
    '/%E0%A4%A',
    '/.//evil.example',
    '/..//evil.example',
    '/sv/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    'sv/',
    `/${'a'.repeat(3000)}`,
  ])('refuses %j', (input) => {
    expect(safeReturnPath(input, '/sv/')).toBe('/sv/');
  });
});
