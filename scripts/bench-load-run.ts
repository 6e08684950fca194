/**
 * One level of `npm run bench:load`: autocannon drives a weighted mix of requests against one or more
 * server processes (the connections split round-robin between them), bounded by time and by a total
 * count, while the servers' memory is read from /proc. Every response is checked against what the
 * step expects (status, and for form posts where they lead), so an error page counts as an error.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

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
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** VmRSS and VmHWM of a process in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
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

/** Runs one level: `connections` split round-robin over `servers`, at most `seconds` and `maxRequests`. */
export async function runLevel(servers: Server[], mix: Mix[], connections: number, seconds: number, maxRequests: number): Promise<LevelResult> {
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

  const started = performance.now();
  const finished: Promise<void>[] = [];
  const instances: autocannon.Instance[] = servers.map((server, i) => {
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
      const step = client.requestIterator.context.step as Step;
      latencies.push(ms);
      (byKind[step.kind] ??= []).push(ms);
      if (latencies.length >= maxRequests) instances.forEach((x) => x.stop());
    });
    // Connection errors and timeouts (no answer within 10 s).
    instance.on('reqError', (error: Error) => fail(`connection: ${error.message}`));
    return instance;
  });
  await Promise.all(finished);
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);

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
  };
}
