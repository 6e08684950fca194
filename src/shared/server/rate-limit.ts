/**
 * Rate limits per client address: logins (starting one and coming back from the provider) and every
 * form post. The counters live in this process's memory (rate-limiter-flexible): with several
 * instances behind a load balancer each instance counts on its own, so the effective limit is the
 * per-instance limit times the number of instances (README). Sticky sessions at the load balancer, or
 * the library's PostgreSQL store, make it exact.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { loadConfig } from './config.ts';

export type LimitKind = 'login' | 'post';

let limiters: Record<LimitKind, RateLimiterMemory> | undefined;

function get(): Record<LimitKind, RateLimiterMemory> {
  if (!limiters) {
    const config = loadConfig();
    limiters = {
      login: new RateLimiterMemory({ keyPrefix: 'login', points: config.rateLimits.loginPerMinute, duration: 60 }),
      post: new RateLimiterMemory({ keyPrefix: 'post', points: config.rateLimits.postPerMinute, duration: 60 }),
    };
  }
  return limiters;
}

/** Which limit a request counts against, if any. */
export function limitFor(method: string, pathname: string): LimitKind | undefined {
  if (/^\/[^/]+\/login\/(citizen|staff)$/.test(pathname) || pathname.startsWith('/auth/callback/')) return 'login';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return 'post';
  return undefined;
}

/** Counts one request; returns the seconds to wait when the limit is reached, else undefined. */
export async function consume(kind: LimitKind, clientKey: string): Promise<number | undefined> {
  try {
    await get()[kind].consume(clientKey);
    return undefined;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}
