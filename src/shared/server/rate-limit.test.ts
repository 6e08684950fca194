import { describe, expect, it } from 'vitest';
import { limitFor } from './rate-limit.ts';

describe('limitFor', () => {
  it('counts login starts and callbacks as logins', () => {
    expect(limitFor('GET', '/sv/login/citizen')).toBe('login');
    expect(limitFor('GET', '/ar/login/staff')).toBe('login');
    expect(limitFor('GET', '/auth/callback/citizen')).toBe('login');
  });
  it('counts every other non-GET as a form post, and leaves reading alone', () => {
    expect(limitFor('POST', '/sv/logout')).toBe('post');
    expect(limitFor('PUT', '/sv/anything')).toBe('post');
    expect(limitFor('GET', '/sv/login')).toBeUndefined();
    expect(limitFor('GET', '/sv/what-is-sip')).toBeUndefined();
  });
});
