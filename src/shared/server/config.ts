/**
 * The portal's configuration: read from the environment once, validated, and frozen.
 * A bad value fails fast at start-up with a message that names the variable (never its value,
 * which could be a secret).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RegisterConfig } from '../../features/access/guardianship-http.ts';
import { isProxyEntry } from './client-address.ts';

export type SipMode = 'demo' | 'production';

export interface OidcClientConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface OidcConfig {
  readonly citizen: OidcClientConfig;
  readonly staff: OidcClientConfig;
  readonly claims: {
    readonly personalIdentityNumber: string;
    readonly coordinationNumber: string;
    /** Set by the broker for a person with protected personal data (skyddade personuppgifter). */
    readonly protectedIdentity: string;
    readonly hsaId: string;
  };
}

export interface Config {
  readonly host: string;
  readonly port: number;
  /** postgres://… → PostgreSQL through `pg`; undefined → embedded PGlite in `pgliteDir`. */
  readonly databaseUrl: string | undefined;
  readonly pgliteDir: string;
  readonly mode: SipMode;
  /** The address people use to reach the portal, e.g. https://sip.example.se (no trailing slash). */
  readonly publicUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Largest accepted request body in bytes; larger bodies get a localized 413 page. */
  readonly maxBodyBytes: number;
  /** Requests rendered at once per process (the rest wait in order, see admission.ts; 0 = no limit), and how many may wait. */
  readonly admission: { readonly concurrent: number; readonly queued: number };
  /** Days to the first meeting, told on the public pages (Halland's routine: 30). */
  readonly firstMeetingDays: number;
  /** A missing translation key throws (and so gives a 500) instead of being logged: for tests. */
  readonly strictTranslations: boolean;
  /**
   * Requests per client address and minute (see rate-limit.ts), counted in the database (every process
   * together; the default with DATABASE_URL) or in this process's memory.
   */
  readonly rateLimits: { readonly loginPerMinute: number; readonly postPerMinute: number; readonly store: 'database' | 'memory' };
  /** Addresses and CIDR networks of proxies whose X-Forwarded-For is believed (see client-address.ts). */
  readonly trustedProxies: readonly string[];
  /** OpenID Connect: citizens through an e-legitimation broker, staff through SITHS. */
  readonly oidc: OidcConfig | undefined;
  /** Test-only routes (e.g. one that throws, to prove the 500 page). Never allowed in production. */
  readonly enableTestRoutes: boolean;
  /**
   * E-mail (receipts, invitations, notices): through SMTP when `smtpUrl` is set (in demo mode the start
   * script runs an SMTP catcher on 127.0.0.1 that stores what it receives in `dir`, shown on the demo
   * mailbox page); in production without it, no mail (the forms do not offer it).
   */
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string; readonly dir: string };
  /** Seconds between in-process runs of the scheduled jobs (reminders, purging); 0 = only `npm run jobs`. */
  readonly jobsIntervalSeconds: number;
  /** Seconds between in-process runs of the mail outbox's sender; 0 = only `npm run jobs`. */
  readonly outboxIntervalSeconds: number;
  /** The manager dashboard shows counts below this as "fewer than N" (and no share built on them). */
  readonly statsMinCount: number;
  /** How long the jobs runner keeps what (gallring); see README "Retention". */
  readonly retention: RetentionConfig;
  /** The guardianship register over HTTP (production); undefined → the demo table in demo mode, none otherwise. */
  readonly guardianshipRegister: RegisterConfig | undefined;
}

/**
 * Retention periods (gallring), applied by the jobs runner. Exported so other jobs can read the horizon
 * (the statistics rollup keeps months older than `closedPlanMonths` frozen).
 */
export interface RetentionConfig {
  /** A closed plan, everything on it and its request go this many calendar months after closing. */
  readonly closedPlanMonths: number;
  /** The audit log's own, longer period (at least 12 months and at least `closedPlanMonths`). */
  readonly auditMonths: number;
  /** A request draft (form_draft) not changed for this many days goes. */
  readonly draftDays: number;
  /** An ended session (and a login never finished) is kept this many days after it ended. */
  readonly sessionDays: number;
  /** Used SIP-kollen tokens (hashes only) are kept between this many days and twice that. */
  readonly feedbackTokenDays: number;
}

/** Days a SIP-kollen invitation stays open (feedback.domain.ts ANSWER_DAYS): a used token must outlive it. */
const FEEDBACK_ANSWER_DAYS = 60;

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, problem: string) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of: ${allowed.join(', ')}`);
  }
  return raw as T;
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a URL (expected postgres://user:password@host:port/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  return raw;
}

function proxyList(env: Env): readonly string[] {
  const entries = (env.TRUSTED_PROXIES ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.some((e) => !isProxyEntry(e))) throw new ConfigError('TRUSTED_PROXIES', 'must be a comma-separated list of IP addresses or CIDR networks (e.g. 10.0.0.0/8, fd00::/8)');
  return Object.freeze(entries);
}

function publicUrl(env: Env, host: string, port: number): string {
  const raw = env.PUBLIC_URL;
  // Loopback and wildcard addresses are reached as "localhost" (what the README tells people to open).
  const local = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host);
  const fallback = `http://${local ? 'localhost' : host}:${port}`;
  if (raw === undefined || raw === '') return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', 'is not a URL (expected e.g. https://sip.example.se)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('PUBLIC_URL', 'must start with http:// or https://');
  }
  return url.origin;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function issuerUrl(env: Env, name: string, mode: SipMode): string {
  const raw = env[name];
  if (!raw) throw new ConfigError(name, 'is required');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a URL');
  }
  if (mode === 'production' && (LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.'))) {
    throw new ConfigError(name, 'must not be a loopback address when SIP_MODE=production (the demo provider is for demos only)');
  }
  if (mode === 'production' && url.protocol !== 'https:') throw new ConfigError(name, 'must use https when SIP_MODE=production');
  return raw.replace(/\/$/, '');
}

function required(env: Env, name: string): string {
  const raw = env[name];
  if (!raw) throw new ConfigError(name, 'is required');
  return raw;
}

function oidcConfig(env: Env, mode: SipMode): OidcConfig | undefined {
  const any = ['OIDC_CITIZEN_ISSUER', 'OIDC_STAFF_ISSUER'].some((n) => env[n]);
  // In demo mode scripts/demo.ts starts the demo provider and fills these in; without it (astro dev)
  // login is simply not offered.
  if (!any && mode === 'demo') return undefined;
  return {
    citizen: {
      issuer: issuerUrl(env, 'OIDC_CITIZEN_ISSUER', mode),
      clientId: required(env, 'OIDC_CITIZEN_CLIENT_ID'),
      clientSecret: required(env, 'OIDC_CITIZEN_CLIENT_SECRET'),
    },
    staff: {
      issuer: issuerUrl(env, 'OIDC_STAFF_ISSUER', mode),
      clientId: required(env, 'OIDC_STAFF_CLIENT_ID'),
      clientSecret: required(env, 'OIDC_STAFF_CLIENT_SECRET'),
    },
    claims: {
      personalIdentityNumber: env.OIDC_CLAIM_PERSONAL_IDENTITY_NUMBER || 'https://id.oidc.se/claim/personalIdentityNumber',
      coordinationNumber: env.OIDC_CLAIM_COORDINATION_NUMBER || 'https://id.oidc.se/claim/coordinationNumber',
      protectedIdentity: env.OIDC_CLAIM_PROTECTED_IDENTITY || 'protected_identity',
      hsaId: env.OIDC_CLAIM_HSA_ID || 'hsa_id',
    },
  };
}

function fileSetting(env: Env, name: string): string | undefined {
  const value = env[name];
  if (!value) return undefined;
  if (!fs.existsSync(value)) throw new ConfigError(name, 'must name a file that exists');
  return value;
}

function registerConfig(env: Env, mode: SipMode): RegisterConfig | undefined {
  const url = env.GUARDIANSHIP_REGISTER_URL;
  if (!url) return undefined;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new ConfigError('GUARDIANSHIP_REGISTER_URL', 'must be an http(s) URL');
  if (mode === 'production' && !url.startsWith('https://')) throw new ConfigError('GUARDIANSHIP_REGISTER_URL', 'must use https in production');
  return Object.freeze({
    url,
    token: env.GUARDIANSHIP_REGISTER_TOKEN || undefined,
    certFile: fileSetting(env, 'GUARDIANSHIP_REGISTER_CERT'),
    keyFile: fileSetting(env, 'GUARDIANSHIP_REGISTER_KEY'),
    caFile: fileSetting(env, 'GUARDIANSHIP_REGISTER_CA'),
    timeoutMs: integer(env, 'GUARDIANSHIP_REGISTER_TIMEOUT_MS', 3_000, 100, 30_000),
  });
}

function smtpUrl(env: Env): string | undefined {
  const value = env.SMTP_URL;
  if (!value) return undefined;
  if (!/^smtps?:\/\//.test(value)) throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://');
  return value;
}

function retentionConfig(env: Env): RetentionConfig {
  const closedPlanMonths = integer(env, 'RETENTION_CLOSED_PLAN_MONTHS', 24, 1, 600);
  const auditMonths = integer(env, 'RETENTION_AUDIT_MONTHS', 60, 12, 1200);
  // The person must be able to see who read their plan for as long as the plan is kept.
  if (auditMonths < closedPlanMonths) throw new ConfigError('RETENTION_AUDIT_MONTHS', 'must be at least RETENTION_CLOSED_PLAN_MONTHS');
  return Object.freeze({
    closedPlanMonths,
    auditMonths,
    draftDays: integer(env, 'RETENTION_DRAFT_DAYS', 90, 1, 3650),
    sessionDays: integer(env, 'RETENTION_SESSION_DAYS', 7, 1, 365),
    feedbackTokenDays: integer(env, 'RETENTION_FEEDBACK_TOKEN_DAYS', 90, FEEDBACK_ANSWER_DAYS, 3650),
  });
}

/** Parses and validates a configuration from an environment (pure; `loadConfig` caches the real one). */
export function parseConfig(env: Env): Config {
  const host = env.HOST || '127.0.0.1';
  const port = integer(env, 'PORT', 4321, 1, 65535);
  const mode = oneOf(env, 'SIP_MODE', ['demo', 'production'] as const, 'production');
  const enableTestRoutes = oneOf(env, 'SIP_ENABLE_TEST_ROUTES', ['true', 'false'] as const, 'false') === 'true';
  if (enableTestRoutes && mode === 'production') {
    throw new ConfigError('SIP_ENABLE_TEST_ROUTES', 'must not be true when SIP_MODE=production');
  }
  const config: Config = {
    host,
    port,
    databaseUrl: databaseUrl(env),
    pgliteDir: path.resolve(env.PGLITE_DIR || './data/pglite'),
    mode,
    publicUrl: publicUrl(env, host, port),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const, 'info'),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1_000_000, 1_000, 100_000_000),
    admission: { concurrent: integer(env, 'SIP_MAX_CONCURRENT_REQUESTS', 8, 0, 10_000), queued: integer(env, 'SIP_MAX_QUEUED_REQUESTS', 1_000, 0, 1_000_000) },
    firstMeetingDays: integer(env, 'FIRST_MEETING_DAYS', 30, 1, 365),
    rateLimits: {
      loginPerMinute: integer(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 20, 1, 100_000),
      postPerMinute: integer(env, 'RATE_LIMIT_POST_PER_MINUTE', 60, 1, 100_000),
      // Several processes share one PostgreSQL: they count together there. PGlite has one process.
      store: oneOf(env, 'RATE_LIMIT_STORE', ['database', 'memory'] as const, env.DATABASE_URL ? 'database' : 'memory'),
    },
    trustedProxies: proxyList(env),
    oidc: undefined,
    strictTranslations: oneOf(env, 'SIP_STRICT_I18N', ['true', 'false'] as const, 'false') === 'true',
    enableTestRoutes,
    mail: {
      smtpUrl: smtpUrl(env),
      from: env.MAIL_FROM || 'SIP-portalen <no-reply@sip-portalen.invalid>',
      dir: path.resolve(env.MAIL_DIR || './data/mail'),
    },
    jobsIntervalSeconds: integer(env, 'JOBS_INTERVAL_SECONDS', 300, 0, 86_400),
    outboxIntervalSeconds: integer(env, 'OUTBOX_INTERVAL_SECONDS', 5, 0, 3_600),
    statsMinCount: integer(env, 'STATS_MIN_COUNT', 5, 3, 100),
    retention: retentionConfig(env),
    guardianshipRegister: registerConfig(env, mode),
  };
  // Login settings are read when something logs in (the server, checked at its start by
  // checkServerConfig): a command that only migrates, backs up or runs jobs needs none of them.
  let oidc: { value: OidcConfig | undefined } | undefined;
  Object.defineProperty(config, 'oidc', { enumerable: true, get: () => (oidc ??= { value: oidcConfig(env, mode) }).value });
  return Object.freeze(config);
}

/** The server needs every setting: reads the lazy ones, so a bad or missing one stops it at start. */
export function checkServerConfig(config: Config): void {
  void config.oidc;
}

let cached: Config | undefined;

/** The process's configuration, read from `process.env` on first use. Throws `ConfigError` when invalid. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
