/**
 * Starts the built server (dist/, through scripts/demo.ts: the production server with the demo's provider and mail catcher) on a free port for
 * one test file: on PGlite in a temporary folder, or on PostgreSQL in a fresh schema when
 * TEST_DATABASE_URL is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { serverNodeFlags } from '../../src/shared/server/node-flags.ts';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSchema, dropSchema, testDatabaseUrl } from './db.ts';

export interface TestServer {
  url: string;
  /** The PGlite data folder (unused on PostgreSQL). */
  pgliteDir: string;
  /** The server process now running (a new one after `restart`). */
  readonly process: ChildProcess;
  /** The environment the server runs with (to start a second process on the same data). */
  env: NodeJS.ProcessEnv;
  /** Everything the server wrote to stdout and stderr (across restarts). */
  output(): string;
  /** Sends `signal` (default SIGKILL: a crash) and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and the same data, and waits until it is healthy. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A PostgreSQL URL whose connections use `schema` (as the portal's own pool does). */
export function withSearchPath(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy in time');
}

export interface StartOptions {
  env?: Record<string, string>;
  args?: string[];
  /** Keep what the server prints (default); a benchmark turns it off to keep memory flat. */
  captureOutput?: boolean;
  /** An existing database (e.g. a benchmark's schema) instead of a fresh one; kept at stop. */
  databaseUrl?: string;
  /** Changes the PostgreSQL URL the server gets (e.g. to go through a proxy a test can cut). */
  mapDatabaseUrl?: (url: string) => string;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-server-'));
  const schema = testDatabaseUrl && options.databaseUrl === undefined ? await createSchema() : undefined;
  const databaseUrl = options.databaseUrl ?? (schema ? withSearchPath(testDatabaseUrl!, schema) : '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_URL: databaseUrl && options.mapDatabaseUrl ? options.mapDatabaseUrl(databaseUrl) : databaseUrl,
    PGLITE_DIR: path.join(tmp, 'pglite'),
    SIP_MODE: 'demo',
    DEMO_IDP_PORT: '0',
    DEMO_SMTP_PORT: '0',
    MAIL_DIR: path.join(tmp, 'mail'),
    // Generous limits: a test run logs in many times from one address (the limits have their own test).
    RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
    RATE_LIMIT_POST_PER_MINUTE: '10000',
    SIP_ENABLE_TEST_ROUTES: 'true',
    // Mail leaves the outbox within a second (tests wait for it).
    OUTBOX_INTERVAL_SECONDS: '1',
    SIP_STRICT_I18N: 'true',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  let output = '';
  const capture = options.captureOutput ?? true;
  const launch = async () => {
    const child = spawn(process.execPath, [...serverNodeFlags(env), 'scripts/demo.ts', ...(options.args ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => capture && (output += d));
    child.stderr!.on('data', (d) => (output += d));
    try {
      await waitForHealth(url, child, 60_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${output}`);
    }
    return child;
  };
  let child = await launch();
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  return {
    url,
    pgliteDir: path.join(tmp, 'pglite'),
    get process() {
      return child;
    },
    env,
    output: () => output,
    kill,
    restart: async () => {
      await kill();
      child = await launch();
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (schema) await dropSchema(schema);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
