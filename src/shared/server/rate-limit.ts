/**
 * Rate limits per client address: logins (starting one and coming back from the provider) and every
 * form post (rate-limiter-flexible). The client address is the TCP peer, or behind a trusted proxy the
 * address it forwards (client-address.ts). With RATE_LIMIT_STORE=database (the default with
 * DATABASE_URL) the counters are rows of `rate_limit`, so every process on the database counts
 * together; should the database fail, each process counts in its own memory until it is back.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Database } from '../../../db/schema.ts';
import { loadConfig } from './config.ts';
import { getDatabase } from './db.ts';
import { clientAddress, trustedProxies } from './client-address.ts';

export type LimitKind = 'login' | 'post';

export interface RateLimiterOptions {
  limits: { loginPerMinute: number; postPerMinute: number };
  /** Addresses and CIDR networks whose X-Forwarded-For is believed. */
  trustedProxies: readonly string[];
  /** Count in this database (shared by every process on it); without it, in this process's memory. */
  db?: Kysely<Database>;
}

export interface RateLimiter {
  /** Counts one request from `peer` (forwarding `forwardedFor`); the seconds to wait when over the limit. */
  consume(kind: LimitKind, peer: string, forwardedFor: string | null): Promise<number | undefined>;
}

/** The library's PostgreSQL store talks `query({ text, values })`: Kysely runs it (on pg and PGlite alike). */
function storeClient(db: Kysely<Database>) {
  return { query: (q: { text: string; values?: unknown[] }) => db.executeQuery(CompiledQuery.raw(q.text, q.values ?? [])) };
}

function limiter(keyPrefix: string, points: number, db: Kysely<Database> | undefined): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: 60 });
  if (!db) return memory;
  // The table comes from a migration (tableCreated); the library's own storeType names no pool here.
  return new RateLimiterPostgres({ storeClient: storeClient(db), storeType: 'client', tableName: 'rate_limit', tableCreated: true, keyPrefix, points, duration: 60, insuranceLimiter: memory });
}

/** A rate limiter over the given limits, proxies and store. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const proxies = trustedProxies(options.trustedProxies);
  const limiters: Record<LimitKind, RateLimiterAbstract> = {
    login: limiter('login', options.limits.loginPerMinute, options.db),
    post: limiter('post', options.limits.postPerMinute, options.db),
  };
  return {
    async consume(kind, peer, forwardedFor) {
      try {
        await limiters[kind].consume(clientAddress(peer, forwardedFor, proxies));
        return undefined;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw rejection;
      }
    },
  };
}

let shared: Promise<RateLimiter> | undefined;

async function processLimiter(): Promise<RateLimiter> {
  const config = loadConfig();
  const db = config.rateLimits.store === 'database' ? (await getDatabase()).db : undefined;
  return createRateLimiter({ limits: config.rateLimits, trustedProxies: config.trustedProxies, db });
}

/** Which limit a request counts against, if any. */
export function limitFor(method: string, pathname: string): LimitKind | undefined {
  if (/^\/[^/]+\/login\/(citizen|staff)$/.test(pathname) || pathname.startsWith('/auth/callback/')) return 'login';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return 'post';
  return undefined;
}

/** Counts one request with the process's limiter; returns the seconds to wait when the limit is reached. */
export async function consume(kind: LimitKind, peer: string, forwardedFor: string | null = null): Promise<number | undefined> {
  shared ??= processLimiter().catch((error: unknown) => {
    // The database was not reachable: try again on the next request.
    shared = undefined;
    throw error;
  });
  return (await shared).consume(kind, peer, forwardedFor);
}
