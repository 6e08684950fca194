import { describe, expect, it } from 'vitest';
import { createRateLimiter, limitFor } from './rate-limit.ts';

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

describe('the client a request counts against', () => {
  const limits = { loginPerMinute: 2, postPerMinute: 2 };

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const limiter = createRateLimiter({ limits, trustedProxies: ['10.0.0.0/8'] });
    // An attacker who writes a new X-Forwarded-For on each try is still one client.
    expect(await limiter.consume('login', '203.0.113.9', '198.51.100.1')).toBeUndefined();
    expect(await limiter.consume('login', '203.0.113.9', '198.51.100.2')).toBeUndefined();
    expect(await limiter.consume('login', '203.0.113.9', '198.51.100.3')).toBeGreaterThan(0);
  });

  it('uses X-Forwarded-For from a trusted proxy, so clients behind one load balancer count apart', async () => {
    const limiter = createRateLimiter({ limits, trustedProxies: ['10.0.0.0/8'] });
    expect(await limiter.consume('post', '10.1.2.3', '198.51.100.1')).toBeUndefined();
    expect(await limiter.consume('post', '10.1.2.3', '198.51.100.1')).toBeUndefined();
    expect(await limiter.consume('post', '10.1.2.3', '198.51.100.1')).toBeGreaterThan(0);
    expect(await limiter.consume('post', '10.1.2.3', '198.51.100.2')).toBeUndefined();
    // A client's own X-Forwarded-For (left of what the proxy appended) does not give it a new count.
    expect(await limiter.consume('post', '10.1.2.3', '192.0.2.77, 198.51.100.1')).toBeGreaterThan(0);
  });
});
