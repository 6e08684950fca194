import { describe, expect, it } from 'vitest';
import { basicCredentials, bearerToken, newClientSecret, readTokenRequest, validateClient } from './api-client.domain.ts';
import { secretMatches } from '../access/session.domain.ts';

const basic = (id: string, secret: string) => `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`;
const form = (s: string) => new URLSearchParams(s);
const ID = '6f0c6a52-1f43-4c8e-9d4b-2a7e3c1b5d90';

describe('client secrets', () => {
  it('are random, shown once, and only their hash is kept', () => {
    const a = newClientSecret();
    expect(a.secret).toMatch(/^[a-z2-7]{32}$/);
    expect(newClientSecret().secret).not.toBe(a.secret);
    expect(secretMatches(a.secret, a.hash)).toBe(true);
    expect(secretMatches(`${a.secret}x`, a.hash)).toBe(false);
  });
});

describe('client authentication (RFC 6749 §2.3.1)', () => {
  it('reads HTTP Basic with form-encoded parts', () => {
    expect(basicCredentials(basic(ID, 'a:b c'))).toEqual({ clientId: ID, clientSecret: 'a:b c' });
    expect(basicCredentials(null)).toBeUndefined();
    expect(basicCredentials('Bearer x')).toBeUndefined();
    expect(basicCredentials('Basic !!!')).toBe('malformed');
    expect(basicCredentials(`Basic ${btoa('no-colon')}`)).toBe('malformed');
  });

  it('accepts client_secret_basic and client_secret_post, never both', () => {
    expect(readTokenRequest(basic(ID, 's'), form('grant_type=client_credentials'))).toEqual({ ok: true, credentials: { clientId: ID, clientSecret: 's' }, basic: true });
    expect(readTokenRequest(null, form(`grant_type=client_credentials&client_id=${ID}&client_secret=s`))).toEqual({ ok: true, credentials: { clientId: ID, clientSecret: 's' }, basic: false });
    expect(readTokenRequest(basic(ID, 's'), form('grant_type=client_credentials&client_secret=s'))).toMatchObject({ ok: false, error: 'invalid_request' });
  });

  it('answers with the error codes of §5.2', () => {
    expect(readTokenRequest(null, form(''))).toMatchObject({ ok: false, error: 'invalid_request' });
    expect(readTokenRequest(null, form('grant_type=client_credentials&grant_type=client_credentials'))).toMatchObject({ ok: false, error: 'invalid_request' });
    expect(readTokenRequest(null, form('grant_type=password&username=a'))).toMatchObject({ ok: false, error: 'unsupported_grant_type' });
    expect(readTokenRequest(null, form('grant_type=client_credentials'))).toMatchObject({ ok: false, error: 'invalid_client', basic: false });
    expect(readTokenRequest('Basic %%%', form('grant_type=client_credentials'))).toMatchObject({ ok: false, error: 'invalid_client', basic: true });
  });
});

describe('bearer tokens (RFC 6750)', () => {
  it('are read from the Authorization header only in the Bearer scheme', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc.def')).toBe('abc.def');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
  });
});

describe('issuing a client', () => {
  it('needs a name and a known principal', () => {
    const principals = new Set([ID]);
    expect(validateClient({ name: 'Journalsystem', principalId: ID }, principals)).toEqual({ ok: true, value: { name: 'Journalsystem', principalId: ID } });
    expect(validateClient({ name: '', principalId: '' }, principals)).toEqual({ ok: false, issues: [{ field: 'name', code: 'required' }, { field: 'principalId', code: 'required' }] });
    expect(validateClient({ name: 'x'.repeat(121), principalId: 'nope' }, principals)).toMatchObject({ ok: false, issues: [{ field: 'name', code: 'tooLong' }, { field: 'principalId', code: 'unknown' }] });
  });
});
