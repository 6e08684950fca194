import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEAP_MB_DEFAULT, serverNodeFlags } from './node-flags.ts';

describe('the memory settings the portal runs with', () => {
  it('are the same in npm start, npm run demo and the test servers', () => {
    const scripts = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    const asInScripts = serverNodeFlags({}).join(' ').replace(`=${HEAP_MB_DEFAULT}`, `=\${SIP_HEAP_MB:-${HEAP_MB_DEFAULT}}`);
    expect(scripts.start).toContain(`node ${asInScripts} scripts/start.ts`);
    expect(scripts.demo).toContain(`node ${asInScripts} scripts/demo.ts`);
  });

  it('take the old generation from SIP_HEAP_MB when it is a positive number', () => {
    expect(serverNodeFlags({ SIP_HEAP_MB: '256' })).toEqual(['--max-old-space-size=256', '--max-semi-space-size=16']);
    expect(serverNodeFlags({ SIP_HEAP_MB: 'lots' })[0]).toBe(`--max-old-space-size=${HEAP_MB_DEFAULT}`);
  });
});
