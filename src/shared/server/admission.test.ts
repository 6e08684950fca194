import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Admission, admitRequest } from './admission.ts';

describe('Admission', () => {
  it('starts at most `limit` at once and the waiting ones in arrival order', () => {
    const admission = new Admission(2, 10);
    const started: number[] = [];
    const releases: (() => void)[] = [];
    for (let i = 0; i < 5; i++) {
      admission.admit((release) => {
        started.push(i);
        releases[i] = release;
      });
    }
    expect(started).toEqual([0, 1]);
    expect([admission.active, admission.waiting]).toEqual([2, 3]);
    releases[1]!();
    releases[1]!(); // a second release of the same request frees nothing more
    expect(started).toEqual([0, 1, 2]);
    expect([admission.active, admission.waiting]).toEqual([2, 2]);
    releases[0]!();
    releases[2]!();
    releases[3]!();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    releases[4]!();
    expect([admission.active, admission.waiting]).toEqual([0, 0]);
  });

  it('refuses when the queue is full, and admits everything at once with limit 0', () => {
    const full = new Admission(1, 1);
    expect(full.admit(() => {})).toBe(true);
    expect(full.admit(() => {})).toBe(true);
    expect(full.admit(() => {})).toBe(false);
    const open = new Admission(0, 0);
    let n = 0;
    for (let i = 0; i < 50; i++) open.admit(() => n++);
    expect(n).toBe(50);
  });

  it('frees the slot when the response is sent, and skips a request whose client left while it waited', async () => {
    const admission = new Admission(1, 10);
    const rendered: string[] = [];
    let finishFirst: (() => void) | undefined;
    const server = http.createServer((req, res) => {
      admitRequest(admission, req, res, () => {
        rendered.push(req.url!);
        if (req.url === '/slow') finishFirst = () => res.end('slow');
        else res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const slow = fetch(`${base}/slow`).then((r) => r.text());
      await expect.poll(() => rendered).toEqual(['/slow']);
      const gone = new AbortController();
      const abandoned = fetch(`${base}/abandoned`, { signal: gone.signal }).catch(() => 'aborted');
      await expect.poll(() => admission.waiting).toBe(1);
      gone.abort();
      expect(await abandoned).toBe('aborted');
      const next = fetch(`${base}/next`).then((r) => r.text());
      await expect.poll(() => admission.waiting).toBe(2);
      finishFirst!();
      expect(await slow).toBe('slow');
      expect(await next).toBe('ok');
      expect(rendered).toEqual(['/slow', '/next']);
      await expect.poll(() => admission.active).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
