/**
 * One level of `npm run bench:load`: autocannon drives a weighted mix of requests against one or more
 * server processes (the connections split round-robin between them), bounded by time and by a total
 * count, while the servers' memory is read from /proc. Every response is checked against what the
 * step expects (status, and for form posts where they lead), so an error page counts as an error.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { cpuMs, machineMs, memoryOf, ownCpuMs, postgresPids } from './bench-proc.ts';

export interface Step {
  /** Traffic class: public, citizen, staff, manager, post. */
  kind: string;
  /** A short name for the report (no personal data). */
  name: string;
  method: 'GET' | 'POST';
  path: string;
  cookie?: string;
  body?: string;
  expect: { status: number; location?: string };
}

export interface Mix {
  kind: string;
  weight: number;
  steps: Step[];
}

export interface Server {
  url: string;
  pid: number;
}

export interface LevelResult {
  connections: number;
  servers: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  errorSamples: string[];
  byKind: Record<string, { requests: number; p50: number; p99: number }>;
  /** Per server: highest VmRSS sampled during the level and VmHWM (since start) after it, in MB. */
  memory: { rssMb: number; hwmMb: number }[];
  /**
   * CPU time per request in ms: of the servers, of all PostgreSQL processes on this machine, of this bench
   * process (the load generator), and of everything else (the kernel's loopback work, other programs).
   */
  cpuMsPerRequest: { node: number; postgres: number; bench: number; other: number };
  /** Share of the machine's cores busy during the level (0–1), and the number of cores. */
  machine: { busy: number; cores: number };
  /** Mean think time in ms between a user's answer and their next request; undefined: none (autocannon). */
  thinkMs: number | undefined;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** A step drawn by weight (class first, then a step of the class, uniformly). */
function picker(mix: Mix[]): () => Step {
  const total = mix.reduce((s, m) => s + m.weight, 0);
  return () => {
    let x = Math.random() * total;
    const m = mix.find((c) => (x -= c.weight) < 0) ?? mix[mix.length - 1]!;
    return m.steps[Math.floor(Math.random() * m.steps.length)]!;
  };
}

/**
 * Runs one level: `connections` split round-robin over `servers`, at most `seconds` and `maxRequests`;
 * each connection sends its next request as soon as the last is answered (autocannon), or, with
 * `thinkMs`, is a person who reads for a random while (exponential, that mean) before the next click.
 */
export async function runLevel(servers: Server[], mix: Mix[], connections: number, seconds: number, maxRequests: number, thinkMs?: number): Promise<LevelResult> {
  const pick = picker(mix);
  const latencies: number[] = [];
  const byKind: Record<string, number[]> = {};
  const errorSamples = new Map<string, number>();
  let errors = 0;
  const fail = (what: string) => {
    errors++;
    errorSamples.set(what, (errorSamples.get(what) ?? 0) + 1);
  };
  const peakRss = servers.map(() => 0);
  const sampler = setInterval(() => servers.forEach((s, i) => (peakRss[i] = Math.max(peakRss[i]!, memoryOf(s.pid).rssMb))), 200);

  const cpuBefore = { node: cpuMs(servers.map((s) => s.pid)), postgres: cpuMs(postgresPids()), bench: ownCpuMs(), machine: machineMs() };
  const started = performance.now();
  const finished: Promise<void>[] = [];
  const record = (step: Step, ms: number) => {
    latencies.push(ms);
    (byKind[step.kind] ??= []).push(ms);
  };
  if (thinkMs !== undefined) {
    for (let i = 0; i < connections; i++) finished.push(person(servers[i % servers.length]!, pick, thinkMs, started + seconds * 1000, () => latencies.length >= maxRequests, record, fail));
  }
  const instances: autocannon.Instance[] = (thinkMs === undefined ? servers : []).map((server, i) => {
    const origin = new URL(server.url).origin;
    const share = Math.floor(connections / servers.length) + (i < connections % servers.length ? 1 : 0);
    let settle: (error: Error | null) => void = () => {};
    finished.push(new Promise((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve()))));
    const instance = autocannon({
      url: server.url,
      connections: share,
      duration: seconds,
      timeout: 10,
      requests: [
        {
          setupRequest: (req: any, context: any) => {
            const step = pick();
            context.step = step;
            const headers: Record<string, string> = { 'accept-language': 'sv' };
            if (step.cookie) headers.cookie = `__Host-sip_session=${step.cookie}`;
            if (step.method === 'POST') Object.assign(headers, { origin, 'content-type': 'application/x-www-form-urlencoded' });
            return { ...req, method: step.method, path: step.path, headers, body: step.body ?? '' };
          },
          onResponse: (status: number, _body: string, context: any, headers: Record<string, string>) => {
            const step = context.step as Step;
            if (status !== step.expect.status) fail(`${step.name}: ${status}`);
            else if (step.expect.location && headers.location !== step.expect.location) fail(`${step.name}: to ${headers.location}`);
          },
        },
      ],
    } as autocannon.Options, (error) => settle(error));
    instance.on('response', (client: any, _status: number, _bytes: number, ms: number) => {
      record(client.requestIterator.context.step as Step, ms);
      if (latencies.length >= maxRequests) instances.forEach((x) => x.stop());
    });
    // Connection errors and timeouts (no answer within 10 s).
    instance.on('reqError', (error: Error) => fail(`connection: ${error.message}`));
    return instance;
  });
  await Promise.all(finished);
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const perRequest = (ms: number) => ms / Math.max(1, latencies.length);
  const machineAfter = machineMs();
  const used = {
    node: cpuMs(servers.map((s) => s.pid)) - cpuBefore.node,
    postgres: cpuMs(postgresPids()) - cpuBefore.postgres,
    bench: ownCpuMs() - cpuBefore.bench,
    machine: machineAfter.busy - cpuBefore.machine.busy,
  };
  const cpuMsPerRequest = {
    node: perRequest(used.node),
    postgres: perRequest(used.postgres),
    bench: perRequest(used.bench),
    other: perRequest(Math.max(0, used.machine - used.node - used.postgres - used.bench)),
  };
  const cores = os.availableParallelism();
  const machine = { busy: Math.min(1, used.machine / Math.max(1, machineAfter.total - cpuBefore.machine.total)), cores };

  return {
    connections,
    servers: servers.length,
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
    errorSamples: [...errorSamples].map(([what, n]) => `${what} ×${n}`),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, xs]) => [k, { requests: xs.length, p50: percentile(xs, 0.5), p99: percentile(xs, 0.99) }])),
    memory: servers.map((s, i) => ({ rssMb: peakRss[i]!, hwmMb: memoryOf(s.pid).hwmMb })),
    cpuMsPerRequest,
    machine,
    thinkMs,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One person: starts at a random moment within the first think time, then clicks, waits for the answer,
 * reads for an exponentially distributed while (mean `thinkMs`) and clicks again, until `until`. Each
 * answer is timed from the click and checked like autocannon's.
 */
async function person(server: Server, pick: () => Step, thinkMs: number, until: number, enough: () => boolean, record: (step: Step, ms: number) => void, fail: (what: string) => void): Promise<void> {
  const origin = new URL(server.url).origin;
  await sleep(Math.min(Math.random() * thinkMs, Math.max(0, until - performance.now())));
  while (performance.now() < until && !enough()) {
    const step = pick();
    const headers: Record<string, string> = { 'accept-language': 'sv' };
    if (step.cookie) headers.cookie = `__Host-sip_session=${step.cookie}`;
    if (step.method === 'POST') Object.assign(headers, { origin, 'content-type': 'application/x-www-form-urlencoded' });
    const clicked = performance.now();
    try {
      const res = await fetch(new URL(step.path, server.url), { method: step.method, headers, body: step.body, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      record(step, performance.now() - clicked);
      if (res.status !== step.expect.status) fail(`${step.name}: ${res.status}`);
      else if (step.expect.location && res.headers.get('location') !== step.expect.location) fail(`${step.name}: to ${res.headers.get('location')}`);
    } catch (error) {
      fail(`connection: ${(error as Error).message}`);
    }
    await sleep(Math.min(-Math.log(1 - Math.random()) * thinkMs, Math.max(0, until - performance.now())));
  }
}
