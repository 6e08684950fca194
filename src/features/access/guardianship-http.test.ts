/**
 * The register adapter against a small local server that implements the documented contract: the
 * answers, the token, numbers only in bodies, a timeout, refusals and answers outside the contract.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardianshipUnavailable, httpRegister, type RegisterConfig } from './guardianship-http.ts';

const CECILIA = '198409172460';
const DANI = { personalIdentityNumber: '201403102391', givenName: 'Dani', familyName: 'Provsson', birthDate: '2014-03-10' };
const ADULT = { personalIdentityNumber: '200001011234', givenName: 'Vuxen', familyName: 'Provsson', birthDate: '2000-01-01' };

let server: http.Server;
let base = '';
const seen: { url: string; auth: string | undefined; body: string }[] = [];
/** What the register does next: answer, wait, fail. */
let behaviour: 'ok' | 'slow' | 'fail' | 'garbage' = 'ok';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url!, auth: req.headers.authorization, body });
      if (behaviour === 'slow') return setTimeout(() => res.end('{}'), 1_000);
      if (behaviour === 'fail') return res.writeHead(503).end();
      res.setHeader('content-type', 'application/json');
      if (behaviour === 'garbage') return res.end(JSON.stringify({ children: [{ givenName: 'x' }] }));
      const input = JSON.parse(body) as { guardian?: string; child?: string };
      if (req.url === '/register/children-of') return res.end(JSON.stringify({ children: input.guardian === CECILIA ? [DANI, ADULT] : [] }));
      if (req.url === '/register/guardians-of') return res.end(JSON.stringify({ guardians: input.child === DANI.personalIdentityNumber ? [{ personalIdentityNumber: CECILIA, givenName: 'Cecilia', familyName: 'Provsdotter', birthDate: '1984-09-17' }] : [] }));
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/register`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const config = (over: Partial<RegisterConfig> = {}): RegisterConfig => ({ url: base, token: 'secret-token', certFile: undefined, keyFile: undefined, caFile: undefined, timeoutMs: 2_000, ...over });
const today = new Date('2026-12-08T10:00:00Z');

describe('the guardianship register over HTTP', () => {
  it('gives a guardian’s children under 18 and a child’s guardians, with the token, numbers only in the body', async () => {
    behaviour = 'ok';
    const register = httpRegister(config());
    expect(await register.childrenOf(CECILIA, today)).toEqual([DANI]);
    expect((await register.guardiansOf(DANI.personalIdentityNumber)).map((g) => g.givenName)).toEqual(['Cecilia']);
    expect(seen.at(-2)).toMatchObject({ url: '/register/children-of', auth: 'Bearer secret-token' });
    expect(JSON.parse(seen.at(-2)!.body)).toEqual({ guardian: CECILIA, date: '2026-12-08' });
    expect(seen.every((s) => !s.url.includes(CECILIA) && !s.url.includes(DANI.personalIdentityNumber))).toBe(true);
  });

  it('asks once per number and day for a few minutes, and again after', async () => {
    behaviour = 'ok';
    let clock = 0;
    const register = httpRegister(config(), () => clock);
    const before = seen.length;
    await register.childrenOf(CECILIA, today);
    await register.childrenOf(CECILIA, today);
    expect(seen.length - before).toBe(1);
    clock += 6 * 60_000;
    await register.childrenOf(CECILIA, today);
    expect(seen.length - before).toBe(2);
  });

  it('is unavailable, not empty, when the register does not answer in time', async () => {
    behaviour = 'slow';
    const started = Date.now();
    await expect(httpRegister(config({ timeoutMs: 200 })).childrenOf(CECILIA, today)).rejects.toBeInstanceOf(GuardianshipUnavailable);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('is unavailable when the register refuses or answers outside the contract, and does not remember the failure', async () => {
    const register = httpRegister(config());
    behaviour = 'fail';
    await expect(register.guardiansOf(DANI.personalIdentityNumber)).rejects.toBeInstanceOf(GuardianshipUnavailable);
    behaviour = 'garbage';
    await expect(register.childrenOf(CECILIA, today)).rejects.toBeInstanceOf(GuardianshipUnavailable);
    behaviour = 'ok';
    expect(await register.childrenOf(CECILIA, today)).toEqual([DANI]);
  });

  it('is unavailable when nothing listens at the address', async () => {
    await expect(httpRegister(config({ url: 'http://127.0.0.1:9/register' })).childrenOf(CECILIA, today)).rejects.toBeInstanceOf(GuardianshipUnavailable);
  });
});
