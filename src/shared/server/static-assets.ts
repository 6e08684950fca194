/**
 * The built client files (dist/client: hashed CSS and JS under /_astro/, the favicon, robots.txt),
 * read into memory once at start. They are few and small; serving them from memory means a page
 * request never touches the filesystem (the adapter's own static handler stats the disk for every
 * request, including every rendered page).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export interface StaticAsset {
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

/** Reads every file below `dir` into a map keyed by URL path (`/_astro/x.css`). */
export function loadStaticAssets(dir: string): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  if (!fs.existsSync(dir)) return assets;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const urlPath = `/${path.relative(dir, full).split(path.sep).join('/')}`;
    const body = fs.readFileSync(full);
    assets.set(urlPath, {
      body,
      type: TYPES[path.extname(full)] ?? 'application/octet-stream',
      etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      // Files under /_astro/ carry a content hash in their name and never change.
      cacheControl: urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    });
  }
  return assets;
}

/** Sends an asset (GET or HEAD), answering 304 to a matching If-None-Match. */
export function sendAsset(req: IncomingMessage, res: ServerResponse, asset: StaticAsset, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', asset.type);
  res.setHeader('Cache-Control', asset.cacheControl);
  res.setHeader('ETag', asset.etag);
  if (req.headers['if-none-match'] === asset.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Length', asset.body.length);
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : asset.body);
}
