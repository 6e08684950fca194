import { describe, expect, it } from 'vitest';
import { clientAddress, isProxyEntry, trustedProxies } from './client-address.ts';

describe('clientAddress', () => {
  const proxies = trustedProxies(['10.0.0.0/8', '192.0.2.10', 'fd00::/8']);

  it('is the TCP peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', proxies)).toBe('203.0.113.5');
    expect(clientAddress('203.0.113.5', null, proxies)).toBe('203.0.113.5');
    expect(clientAddress('::ffff:203.0.113.5', '10.0.0.1', proxies)).toBe('203.0.113.5');
  });

  it('is the right-most hop that is not a trusted proxy when the peer is one', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:10.0.0.2', 'spoofed, 192.0.2.66, 198.51.100.1, 10.0.0.9', proxies)).toBe('198.51.100.1');
    expect(clientAddress('fd00::1', '[2001:db8::5]:443, 192.0.2.10', proxies)).toBe('2001:db8::5');
    expect(clientAddress('10.0.0.2', '198.51.100.1:5555', proxies)).toBe('198.51.100.1');
  });

  it('stops at a hop that is no address, and is the proxy itself without X-Forwarded-For', () => {
    expect(clientAddress('10.0.0.2', 'garbage, 10.0.0.7', proxies)).toBe('10.0.0.7');
    expect(clientAddress('10.0.0.2', '', proxies)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', null, proxies)).toBe('10.0.0.2');
  });

  it('trusts nobody by default', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.1', trustedProxies([]))).toBe('127.0.0.1');
  });
});

describe('isProxyEntry', () => {
  it('takes addresses and CIDR networks of both families, nothing else', () => {
    for (const ok of ['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '0.0.0.0/0']) expect(isProxyEntry(ok), ok).toBe(true);
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'lb.example.se', '10.0.0.0/8/1', '10.0.0.1/', '']) expect(isProxyEntry(bad), bad).toBe(false);
  });
});
