import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStaticAssets } from './static-assets.ts';

describe('loadStaticAssets', () => {
  it('maps files to URL paths with type, etag and caching by kind', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sip-assets-'));
    fs.mkdirSync(path.join(dir, '_astro'));
    fs.writeFileSync(path.join(dir, '_astro', 'a.1234.css'), 'body{}');
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
    const assets = loadStaticAssets(dir);
    expect([...assets.keys()].sort()).toEqual(['/_astro/a.1234.css', '/favicon.svg']);
    expect(assets.get('/_astro/a.1234.css')?.type).toBe('text/css; charset=utf-8');
    expect(assets.get('/_astro/a.1234.css')?.cacheControl).toContain('immutable');
    expect(assets.get('/favicon.svg')?.cacheControl).not.toContain('immutable');
    expect(assets.get('/favicon.svg')?.etag).toMatch(/^"[\w-]{22}"$/);
    fs.rmSync(dir, { recursive: true });
  });

  it('is empty when there is no build', () => {
    expect(loadStaticAssets('/nonexistent/dir').size).toBe(0);
  });
});
