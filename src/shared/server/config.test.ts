import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('gives safe defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config.port).toBe(4321);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.pgliteDir).toMatch(/data\/pglite$/);
    expect(config.mode).toBe('production');
    expect(config.publicUrl).toBe('http://127.0.0.1:4321');
    expect(config.enableTestRoutes).toBe(false);
  });

  it('accepts a PostgreSQL URL', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/sip' }).databaseUrl).toBe('postgres://u:p@127.0.0.1:5432/sip');
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
    expect(() => parseConfig({ [variable]: value })).toThrow(ConfigError);
    try {
      parseConfig({ [variable]: value });
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
      expect((error as Error).message).not.toContain(value === 'not a url' ? 'not a url' : '\u0000');
    }
  });

  it('refuses test routes in production mode', () => {
    expect(() => parseConfig({ SIP_ENABLE_TEST_ROUTES: 'true' })).toThrow(/SIP_ENABLE_TEST_ROUTES/);
    expect(parseConfig({ SIP_ENABLE_TEST_ROUTES: 'true', SIP_MODE: 'demo' }).enableTestRoutes).toBe(true);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(parseConfig({}))).toBe(true);
  });
});
