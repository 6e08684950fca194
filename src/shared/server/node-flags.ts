/**
 * The V8 memory settings the portal runs with (`npm start`, `npm run demo`, and the test and benchmark
 * servers). Under load Node's defaults let the heap grow to 0.5–1.1 GB of mostly garbage (a heap snapshot
 * at 100 concurrent requests held 85 MB of live objects), far above the 300 MB a process should use.
 * A 160 MB old generation keeps the process near 250 MB; a 16 MB young generation keeps the many
 * short-lived objects of a page render from being promoted (with the old generation capped alone, V8
 * shrinks the young one to match and throughput fell by half). `SIP_HEAP_MB` changes the cap.
 * package.json's scripts repeat these flags (a test checks that they agree).
 */
export const HEAP_MB_DEFAULT = 160;

export function serverNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const heap = Number(env.SIP_HEAP_MB) > 0 ? Number(env.SIP_HEAP_MB) : HEAP_MB_DEFAULT;
  return [`--max-old-space-size=${heap}`, '--max-semi-space-size=16'];
}
