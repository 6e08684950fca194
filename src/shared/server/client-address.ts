/**
 * The client's address behind load balancers. `X-Forwarded-For` is written by whoever sent the request,
 * so it is believed only from a trusted proxy (TRUSTED_PROXIES), and then only as far as the chain of
 * trusted proxies goes: read from the right, the first hop that is not a trusted proxy is the client
 * (what the left-most entries say is the client's own claim). Pure, apart from node:net.
 */
import { BlockList, isIP } from 'node:net';

/** The trusted proxies' addresses and networks, for `clientAddress`. */
export type TrustedProxies = BlockList;

/** Whether `entry` is an address or a CIDR network (10.0.0.0/8, fd00::/8), as TRUSTED_PROXIES takes. */
export function isProxyEntry(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** The trusted proxies of a checked list of addresses and CIDR networks. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** An address as a proxy writes it (maybe with a port, IPv6 in brackets), or undefined when it is none. */
function plainAddress(hop: string): string | undefined {
  const h = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(h);
  const address = bracketed?.[1] ?? withPort?.[1] ?? h;
  if (isIP(address) === 0) return undefined;
  // An IPv4 client seen through an IPv6 socket (::ffff:10.0.0.1) is the IPv4 client.
  return /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(address) ? address.slice(7) : address.toLowerCase();
}

function trusts(proxies: TrustedProxies, address: string): boolean {
  return proxies.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The address a request counts against: the TCP peer, unless the peer is a trusted proxy; then the
 * right-most `X-Forwarded-For` hop that is not a trusted proxy. A hop that is not an address (the chain
 * cannot be followed) leaves the last trusted hop as the answer.
 */
export function clientAddress(peer: string, forwardedFor: string | null, proxies: TrustedProxies): string {
  let client = plainAddress(peer) ?? peer;
  if (!forwardedFor || !trusts(proxies, client)) return client;
  const hops = forwardedFor.split(',').reverse();
  for (const hop of hops) {
    const address = plainAddress(hop);
    if (!address) return client;
    client = address;
    if (!trusts(proxies, address)) return client;
  }
  return client;
}
