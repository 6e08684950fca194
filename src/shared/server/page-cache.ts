/**
 * A small in-memory cache of rendered public pages, in front of Astro (like a reverse proxy's
 * micro-cache). A page opts in by sending the `x-sip-page-cache: public` header (the public text
 * pages do); only GET/HEAD requests without a query string and without a session cookie are served
 * from or stored in it, so a logged-in person never gets a shared copy and nothing personal is kept.
 * Entries live as long as the process: the pages change only with a deploy.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export const PAGE_CACHE_HEADER = 'x-sip-page-cache';
import { SESSION_COOKIE } from './cookies.ts';

export { SESSION_COOKIE };

export interface CachedPage {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** True when the request may be answered from (or stored in) the shared cache. */
export function isCacheable(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!req.url || req.url.includes('?')) return false;
  const cookie = req.headers.cookie;
  return !cookie || !cookie.includes(`${SESSION_COOKIE}=`);
}

export class PageCache {
  readonly #pages = new Map<string, CachedPage>();
  readonly #maxEntries: number;

  constructor(maxEntries = 1_000) {
    this.#maxEntries = maxEntries;
  }

  get(path: string): CachedPage | undefined {
    return this.#pages.get(path);
  }

  get size(): number {
    return this.#pages.size;
  }

  /**
   * Watches a response as Astro writes it; when it is a 200 that opted in, keeps a copy under `path`.
   * The opt-in header itself is removed before it reaches the client.
   */
  capture(path: string, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let status = 200;
    let headers: OutgoingHttpHeaders = {};
    let optedIn = false;
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const toBuffer = (chunk: unknown) =>
      typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? Buffer.from(chunk) : undefined;

    res.writeHead = ((code: number, ...rest: unknown[]) => {
      status = code;
      const last = rest[rest.length - 1];
      if (last && typeof last === 'object' && !Array.isArray(last)) {
        headers = { ...(last as OutgoingHttpHeaders) };
        for (const name of Object.keys(headers)) {
          if (name.toLowerCase() === PAGE_CACHE_HEADER) {
            optedIn = headers[name] === 'public';
            delete headers[name];
            delete (last as OutgoingHttpHeaders)[name];
          }
        }
      }
      return writeHead(code, ...rest);
    }) as ServerResponse['writeHead'];
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      const buffer = toBuffer(chunk);
      if (buffer) chunks.push(buffer);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      const buffer = typeof chunk === 'function' ? undefined : toBuffer(chunk);
      if (buffer) chunks.push(buffer);
      if (optedIn && status === 200 && this.#pages.size < this.#maxEntries) {
        const { 'x-request-id': _id, 'set-cookie': _cookie, ...kept } = lowerCase(headers);
        if (!_cookie) this.#pages.set(path, { status, headers: kept, body: Buffer.concat(chunks) });
      }
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  }
}

function lowerCase(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Sends a cached page with a fresh request id. */
export function sendCached(req: IncomingMessage, res: ServerResponse, page: CachedPage, requestId: string): void {
  res.writeHead(page.status, { ...page.headers, 'content-length': page.body.length, 'x-request-id': requestId });
  res.end(req.method === 'HEAD' ? undefined : page.body);
}
