import { describe, expect, it } from 'vitest';
import { ConfigError, checkServerConfig, parseConfig } from './config.ts';

describe('parseConfig', () => {
  const login = {
    OIDC_CITIZEN_ISSUER: 'https://broker.example.se',
    OIDC_CITIZEN_CLIENT_ID: 'c',
    OIDC_CITIZEN_CLIENT_SECRET: 's',
    OIDC_STAFF_ISSUER: 'https://siths.example.se',
    OIDC_STAFF_CLIENT_ID: 'c2',
    OIDC_STAFF_CLIENT_SECRET: 's2',
  };

  it('gives safe defaults around the required login settings', () => {
    const config = parseConfig(login);
    expect(config.port).toBe(4321);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.pgliteDir).toMatch(/data\/pglite$/);
    expect(config.mode).toBe('production');
    expect(config.publicUrl).toBe('http://localhost:4321');
    expect(config.oidc?.claims.personalIdentityNumber).toBe('https://id.oidc.se/claim/personalIdentityNumber');
    expect(config.enableTestRoutes).toBe(false);
  });

  it('requires login settings in production for the server, naming the first missing one', () => {
    expect(() => checkServerConfig(parseConfig({}))).toThrow(/OIDC_CITIZEN_ISSUER is required/);
    expect(() => parseConfig({}).oidc).toThrow(/OIDC_CITIZEN_ISSUER is required/);
    expect(() => checkServerConfig(parseConfig({ ...login, OIDC_STAFF_CLIENT_SECRET: '' }))).toThrow(/OIDC_STAFF_CLIENT_SECRET/);
  });

  it('lets a command that logs nobody in (migrate, backup, jobs) run without login settings', () => {
    const config = parseConfig({ PGLITE_DIR: '/tmp/x' });
    expect(config.pgliteDir).toBe('/tmp/x');
    expect(config.retention.closedPlanMonths).toBe(24);
    expect(config.mail.smtpUrl).toBeUndefined();
  });

  it('refuses a loopback or plain-http issuer in production, and allows it in demo', () => {
    expect(() => parseConfig({ ...login, OIDC_CITIZEN_ISSUER: 'http://127.0.0.1:4322' }).oidc).toThrow(/loopback/);
    expect(() => parseConfig({ ...login, OIDC_STAFF_ISSUER: 'http://localhost:9000' }).oidc).toThrow(/loopback/);
    expect(() => parseConfig({ ...login, OIDC_STAFF_ISSUER: 'http://siths.example.se' }).oidc).toThrow(/https/);
    expect(parseConfig({ ...login, SIP_MODE: 'demo', OIDC_CITIZEN_ISSUER: 'http://127.0.0.1:4322' }).oidc?.citizen.issuer).toBe('http://127.0.0.1:4322');
  });

  it('counts rate limits in the database when there is a PostgreSQL server, else in memory', () => {
    expect(parseConfig(login).rateLimits.store).toBe('memory');
    expect(parseConfig({ ...login, DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/sip' }).rateLimits.store).toBe('database');
    expect(parseConfig({ ...login, DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/sip', RATE_LIMIT_STORE: 'memory' }).rateLimits.store).toBe('memory');
    expect(() => parseConfig({ ...login, RATE_LIMIT_STORE: 'redis' })).toThrow(/RATE_LIMIT_STORE/);
  });

  it('reads TRUSTED_PROXIES as addresses and CIDR networks, trusting none by default', () => {
    expect(parseConfig(login).trustedProxies).toEqual([]);
    expect(parseConfig({ ...login, TRUSTED_PROXIES: ' 10.0.0.0/8, 192.0.2.10,fd00::/8 ' }).trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.10', 'fd00::/8']);
    expect(() => parseConfig({ ...login, TRUSTED_PROXIES: '10.0.0.0/8, lb.internal' })).toThrow(/TRUSTED_PROXIES must be/);
  });

  it('accepts a PostgreSQL URL', () => {
    expect(parseConfig({ ...login, DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/sip' }).databaseUrl).toBe('postgres://u:p@127.0.0.1:5432/sip');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['SIP_MODE', 'staging'],
    ['PUBLIC_URL', 'ftp://example.se'],
    ['MAX_BODY_BYTES', '-1'],
    ['FIRST_MEETING_DAYS', '0'],
  ])('fails fast naming %s when it is %j', (variable, value) => {
    expect(() => parseConfig({ ...login, [variable]: value })).toThrow(ConfigError);
    try {
      parseConfig({ ...login, [variable]: value });
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
      expect((error as Error).message).not.toContain(value === 'not a url' ? 'not a url' : '\u0000');
    }
  });

  it('refuses test routes in production mode', () => {
    expect(() => parseConfig({ ...login, SIP_ENABLE_TEST_ROUTES: 'true' })).toThrow(/SIP_ENABLE_TEST_ROUTES/);
    expect(parseConfig({ SIP_ENABLE_TEST_ROUTES: 'true', SIP_MODE: 'demo' }).enableTestRoutes).toBe(true);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(parseConfig(login))).toBe(true);
  });
});
