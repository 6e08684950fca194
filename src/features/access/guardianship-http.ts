/**
 * The production guardianship register: the region's integration in front of the population register
 * (Navet), over HTTPS with a bearer token or a client certificate. The contract (docs/guardianship-register.md):
 *
 *   POST {base}/children-of   {"guardian": "<12-digit personnummer>", "date": "YYYY-MM-DD"}
 *     200 {"children":  [{"personalIdentityNumber", "givenName", "familyName", "birthDate": "YYYY-MM-DD"}]}
 *   POST {base}/guardians-of  {"child": "<12-digit personnummer>"}
 *     200 {"guardians": [{"personalIdentityNumber", "givenName", "familyName", "birthDate"}]}
 *
 * Numbers travel in the body, never in a URL (the register's access logs must not hold them). No answer
 * within the timeout, a refused request or an answer that does not follow the contract is
 * `GuardianshipUnavailable`: the portal then tells the person it cannot see their children right now,
 * never that they have none. Answers are kept a few minutes, so the register is asked once per session
 * and not on every page (node:http/https directly: fetch cannot present a client certificate without
 * another dependency).
 */
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import { underAge, type Child, type Guardian, type GuardianshipSource } from './guardianship.ts';

export interface RegisterConfig {
  readonly url: string;
  readonly token: string | undefined;
  /** Client certificate, key and CA (PEM file paths), for mutual TLS. */
  readonly certFile: string | undefined;
  readonly keyFile: string | undefined;
  readonly caFile: string | undefined;
  readonly timeoutMs: number;
}

/** The register did not answer in time, refused, or answered outside the contract. */
export class GuardianshipUnavailable extends Error {
  constructor(reason: string) {
    super(`guardianship register unavailable: ${reason}`);
    this.name = 'GuardianshipUnavailable';
  }
}

const PIN = /^\d{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CACHE_MS = 5 * 60_000;
const CACHE_MAX = 10_000;

function person(value: unknown): Child {
  const p = value as Record<string, unknown>;
  const ok = p && PIN.test(String(p.personalIdentityNumber)) && typeof p.givenName === 'string' && typeof p.familyName === 'string' && DATE.test(String(p.birthDate));
  if (!ok) throw new GuardianshipUnavailable('an answer outside the contract');
  return { personalIdentityNumber: String(p.personalIdentityNumber), givenName: p.givenName as string, familyName: p.familyName as string, birthDate: String(p.birthDate) };
}

/** One POST of JSON, answered with JSON within the timeout. */
function post(config: RegisterConfig, path: string, body: unknown): Promise<unknown> {
  const url = new URL(path, config.url.endsWith('/') ? config.url : `${config.url}/`);
  const tls = url.protocol === 'https:';
  const payload = JSON.stringify(body);
  const options: https.RequestOptions = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(payload), ...(config.token ? { authorization: `Bearer ${config.token}` } : {}) },
    timeout: config.timeoutMs,
    ...(tls && config.certFile ? { cert: fs.readFileSync(config.certFile), key: fs.readFileSync(config.keyFile ?? config.certFile) } : {}),
    ...(tls && config.caFile ? { ca: fs.readFileSync(config.caFile) } : {}),
  };
  return new Promise((resolve, reject) => {
    const request = (tls ? https : http).request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new GuardianshipUnavailable(`status ${response.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new GuardianshipUnavailable('an answer that is not JSON'));
        }
      });
      response.on('error', (e) => reject(new GuardianshipUnavailable(e.message)));
    });
    request.on('timeout', () => request.destroy(new GuardianshipUnavailable(`no answer within ${config.timeoutMs} ms`)));
    request.on('error', (e) => reject(e instanceof GuardianshipUnavailable ? e : new GuardianshipUnavailable(e.message)));
    request.end(payload);
  });
}

/** The register over HTTP, with answers kept for a few minutes (per number and day). */
export function httpRegister(config: RegisterConfig, now: () => number = Date.now): GuardianshipSource {
  const cache = new Map<string, { at: number; value: Promise<Child[]> }>();
  const remembered = (key: string, load: () => Promise<Child[]>): Promise<Child[]> => {
    const hit = cache.get(key);
    if (hit && now() - hit.at < CACHE_MS) return hit.value;
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    const value = load();
    cache.set(key, { at: now(), value });
    // A failure is not remembered: the next page asks again.
    value.catch(() => cache.delete(key));
    return value;
  };
  return {
    async childrenOf(guardianPin, today) {
      const date = today.toISOString().slice(0, 10);
      const children = await remembered(`c:${guardianPin}:${date}`, async () => {
        const answer = (await post(config, 'children-of', { guardian: guardianPin, date })) as { children?: unknown };
        if (!Array.isArray(answer?.children)) throw new GuardianshipUnavailable('an answer outside the contract');
        return answer.children.map(person);
      });
      return underAge(children, today);
    },
    async guardiansOf(childPin): Promise<Guardian[]> {
      return remembered(`g:${childPin}`, async () => {
        const answer = (await post(config, 'guardians-of', { child: childPin })) as { guardians?: unknown };
        if (!Array.isArray(answer?.guardians)) throw new GuardianshipUnavailable('an answer outside the contract');
        return answer.guardians.map(person);
      });
    },
  };
}
