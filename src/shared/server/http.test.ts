import { describe, expect, it } from 'vitest';
import { allowedMethods, checkBody, contentSecurityPolicy, isForbiddenCrossSite, isNonLocalePath, isPublicPage, loggedPath, refusedMethod, requestIdFrom, securityHeaders } from './http.ts';

describe('checkBody', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  it('lets reads through without looking at bodies', () => {
    expect(checkBody('GET', headers({ 'content-length': '999999999' }), 1000)).toBe('ok');
  });
  it('refuses a declared length over the limit', () => {
    expect(checkBody('POST', headers({ 'content-length': '1001' }), 1000)).toBe('tooLarge');
    expect(checkBody('POST', headers({ 'content-length': '1000' }), 1000)).toBe('ok');
  });
  it('refuses a chunked body or a nonsense length', () => {
    expect(checkBody('POST', headers({ 'transfer-encoding': 'chunked' }), 1000)).toBe('lengthRequired');
    expect(checkBody('POST', headers({ 'content-length': 'abc' }), 1000)).toBe('lengthRequired');
  });
});

describe('the Origin check (CSRF)', () => {
  const own = 'https://sip.example.se';
  const form = (h: Record<string, string> = {}) => new Headers({ 'content-type': 'application/x-www-form-urlencoded', ...h });
  it('refuses a form post from another origin or without one, as Astro does', () => {
    expect(isForbiddenCrossSite('POST', form({ origin: 'https://evil.example' }), own, '/sv/my/sharing')).toBe(true);
    expect(isForbiddenCrossSite('POST', form(), own, '/sv/my/sharing')).toBe(true);
    expect(isForbiddenCrossSite('POST', new Headers({ 'content-type': 'multipart/form-data; boundary=x' }), own, '/sv/logout')).toBe(true);
    expect(isForbiddenCrossSite('POST', new Headers(), own, '/sv/logout')).toBe(true);
  });
  it('lets through the portal\'s own forms and reads', () => {
    expect(isForbiddenCrossSite('POST', form({ origin: own }), own, '/sv/my/sharing')).toBe(false);
    expect(isForbiddenCrossSite('POST', new Headers({ origin: own, 'content-type': 'application/json' }), own, '/sv/x')).toBe(false);
    expect(isForbiddenCrossSite('GET', new Headers({ origin: 'https://evil.example' }), own, '/sv/my/sharing')).toBe(false);
  });
  it('refuses any other write whatever its content type, JSON included', () => {
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/plain']) {
      expect(isForbiddenCrossSite('POST', new Headers({ origin: 'https://evil.example', 'content-type': type }), own, '/sv/logout')).toBe(true);
      expect(isForbiddenCrossSite('POST', new Headers({ origin: 'null', 'content-type': type }), own, '/sv/logout')).toBe(true);
      expect(isForbiddenCrossSite('DELETE', new Headers({ 'content-type': type }), own, '/sv/logout')).toBe(true);
    }
  });
  it('exempts only the token endpoint, which reads no cookies', () => {
    expect(isForbiddenCrossSite('POST', form(), own, '/api/oauth/token')).toBe(false);
    expect(isForbiddenCrossSite('POST', form(), own, '/api/oauth/token/')).toBe(true);
    expect(isForbiddenCrossSite('POST', form(), own, '/api/fhir/R4/CarePlan')).toBe(true);
  });
});

describe('request ids', () => {
  it('keeps a well-formed incoming id and replaces anything else', () => {
    expect(requestIdFrom('abc-123-def-456')).toBe('abc-123-def-456');
    expect(requestIdFrom('<script>')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(null)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('paths without a language', () => {
  it('knows the operational paths', () => {
    expect(isNonLocalePath('/healthz')).toBe(true);
    expect(isNonLocalePath('/_astro/x.css')).toBe(true);
    expect(isNonLocalePath('/')).toBe(true);
    expect(isNonLocalePath('/api/fhir/R4/CarePlan')).toBe(true);
    expect(isNonLocalePath('/xx/privacy')).toBe(false);
  });
});

describe('security headers', () => {
  it('adds frame-ancestors to the page policy and has a strict default', () => {
    expect(contentSecurityPolicy("script-src 'self'")).toBe("script-src 'self'; frame-ancestors 'none';");
    expect(contentSecurityPolicy(null)).toContain("default-src 'self'");
    expect(contentSecurityPolicy(null)).toContain("frame-ancestors 'none'");
  });
  it('sends HSTS only in production', () => {
    expect(securityHeaders(true)['Strict-Transport-Security']).toMatch(/max-age=/);
    expect(securityHeaders(false)['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders(false)['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('isPublicPage', () => {
  it('is a public text page after a language segment, and nothing else (the health check is never cached)', () => {
    expect(['/sv', '/sv/', '/ar/what-is-sip', '/lattlast/request/paper', '/fi/cookies'].map(isPublicPage)).toEqual([true, true, true, true, true]);
    expect(['/healthz', '/robots.txt', '/sv/my', '/xx/', '/', '/sv/request/who'].map(isPublicPage)).toEqual([false, false, false, false, false, false]);
  });
  it('includes the login pages (the start of a login is a link per kind, the same for every visitor)', () => {
    expect(['/sv/login', '/en/no-account', '/ar/protected-identity'].map(isPublicPage)).toEqual([true, true, true]);
    expect(['/sv/login/citizen', '/sv/logout'].map(isPublicPage)).toEqual([false, false]);
  });
});

describe('paths as logged', () => {
  it('never carry a SIP-kollen token or invitation id (a time beside them would date an answer)', () => {
    expect(loggedPath('/sv/sip-kollen/abcdefghijklmnopqrstuvwxyz234567')).toBe('/sv/sip-kollen/[token]');
    expect(loggedPath('/lattlast/my/feedback/6c1f3f0e-3c1a-4d7e-9f55-1d2b3c4d5e6f')).toBe('/lattlast/my/feedback/[id]');
    expect(loggedPath('/ar/my/feedback/x/y')).toBe('/ar/my/feedback/[id]/y');
    expect(loggedPath('/sv/staff/plans/1')).toBe('/sv/staff/plans/1');
  });
});

describe('methods', () => {
  it('pages answer GET, HEAD and POST; endpoints what they export', () => {
    expect(allowedMethods('/sv/')).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowedMethods('/sv/my/plans/x')).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowedMethods('/sv/logout')).toEqual(['POST']);
    expect(allowedMethods('/api/oauth/token')).toEqual(['POST']);
    expect(allowedMethods('/healthz')).toEqual(['GET', 'HEAD']);
    expect(allowedMethods('/auth/callback/citizen')).toEqual(['GET', 'HEAD']);
    expect(allowedMethods('/api/fhir/R4/CarePlan/x')).toEqual(['GET', 'HEAD']);
    expect(allowedMethods('/xx/logout')).toEqual(['GET', 'HEAD', 'POST']);
  });

  it('refuses any other method with the Allow header, TRACE and unknown methods included', () => {
    for (const method of ['TRACE', 'TRACK', 'CONNECT', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND']) {
      expect(refusedMethod(method, '/sv/request'), method).toBe('GET, HEAD, POST');
    }
    expect(refusedMethod('GET', '/sv/logout')).toBe('POST');
    expect(refusedMethod('POST', '/healthz')).toBe('GET, HEAD');
    expect(refusedMethod('TRACE', '/api/oauth/token')).toBe('POST');
    expect(refusedMethod('TRACE', '/api/fhir/R4/CarePlan/x')).toBe('GET, HEAD');
  });

  it('lets through what a path answers, and the methods the API answers itself', () => {
    expect(refusedMethod('POST', '/sv/request')).toBeUndefined();
    expect(refusedMethod('HEAD', '/sv/')).toBeUndefined();
    expect(refusedMethod('POST', '/sv/logout')).toBeUndefined();
    expect(refusedMethod('PUT', '/api/fhir/R4/CarePlan/x')).toBeUndefined();
    expect(refusedMethod('DELETE', '/api/oauth/token')).toBeUndefined();
    expect(refusedMethod('GET', '/api/oauth/token')).toBeUndefined();
    expect(refusedMethod('POST', '/api/fhir/R4/CarePlan/x')).toBeUndefined();
  });
});
