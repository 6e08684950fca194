import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isCacheable, PAGE_CACHE_HEADER, PageCache, SESSION_COOKIE } from './page-cache.ts';

const request = (method: string, url: string, cookie?: string) =>
  ({ method, url, headers: cookie ? { cookie } : {} }) as http.IncomingMessage;

describe('isCacheable', () => {
  it('takes anonymous GET and HEAD requests without a query', () => {
    expect(isCacheable(request('GET', '/sv/'))).toBe(true);
    expect(isCacheable(request('HEAD', '/sv/'))).toBe(true);
  });
  it('never takes a request with a session, a query or a body', () => {
    expect(isCacheable(request('GET', '/sv/', `${SESSION_COOKIE}=abc.def`))).toBe(false);
    expect(isCacheable(request('GET', '/sv/?x=1'))).toBe(false);
    expect(isCacheable(request('POST', '/sv/'))).toBe(false);
  });
});

describe('PageCache.capture', () => {
  async function serve(cache: PageCache, headers: Record<string, string>, status = 200) {
    const server = http.createServer((req, res) => {
      cache.capture(req.url!, res);
      res.writeHead(status, headers);
      res.write('<p>');
      res.end('hello</p>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sv/`);
    const body = await res.text();
    server.close();
    return { res, body };
  }

  it('keeps a 200 that opted in, and strips the opt-in header from the response', async () => {
    const cache = new PageCache();
    const { res, body } = await serve(cache, { 'content-type': 'text/html', [PAGE_CACHE_HEADER]: 'public', 'x-request-id': 'r1' });
    expect(body).toBe('<p>hello</p>');
    expect(res.headers.get(PAGE_CACHE_HEADER)).toBeNull();
    const page = cache.get('/sv/');
    expect(page?.body.toString()).toBe('<p>hello</p>');
    expect(page?.headers['x-request-id']).toBeUndefined();
    expect(page?.headers['content-type']).toBe('text/html');
  });

  it('keeps nothing that did not opt in, failed, or sets a cookie', async () => {
    const cache = new PageCache();
    await serve(cache, { 'content-type': 'text/html' });
    await serve(cache, { [PAGE_CACHE_HEADER]: 'public' }, 500);
    await serve(cache, { [PAGE_CACHE_HEADER]: 'public', 'set-cookie': 'a=b' });
    expect(cache.size).toBe(0);
  });
});
