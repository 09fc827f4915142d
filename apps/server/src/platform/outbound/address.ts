import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses Parley may connect to on an integration's behalf (Mattermost's IsReservedIP /
 * IsOwnIP and AllowedUntrustedInternalConnections). Addresses are parsed by ipaddr.js, never
 * compared as strings, so 127.1, 2130706433, 0x7f.0.0.1 and ::ffff:127.0.0.1 are all loopback.
 */

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/** An IPv6 address that carries an IPv4 one (mapped, NAT64) is judged as that IPv4 address. */
function canonical(addr: Addr): Addr {
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
    if (v6.range() === 'rfc6052') return new ipaddr.IPv4(v6.toByteArray().slice(12));
  }
  return addr;
}

export function parseAddress(text: string): Addr | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // Zone ids (fe80::1%eth0) name an interface, not a host; the address part decides.
  const withoutZone = bare.replace(/%.*$/u, '');
  if (!ipaddr.isValid(withoutZone)) return null;
  return canonical(ipaddr.parse(withoutZone));
}

/**
 * Only global unicast is public: loopback, private (RFC 1918), unique-local, link-local,
 * carrier-grade NAT, unspecified, broadcast, multicast, documentation and reserved ranges are not.
 */
export function isReserved(addr: Addr): boolean {
  return canonical(addr).range() !== 'unicast';
}

/** The addresses of this machine's interfaces, read each time (interfaces come and go). */
export function isOwnAddress(addr: Addr): boolean {
  const target = canonical(addr).toNormalizedString();
  for (const list of Object.values(networkInterfaces())) {
    for (const iface of list ?? []) {
      const own = parseAddress(iface.address);
      if (own && own.toNormalizedString() === target) return true;
    }
  }
  return false;
}

/**
 * ServiceSettings.AllowedUntrustedInternalConnections: space-separated hostnames, IPs and CIDRs.
 * A hostname entry trusts requests to that host name as written in the URL; IP and CIDR entries
 * trust the resolved addresses they contain.
 */
export interface AllowList {
  hosts: Set<string>;
  ranges: [Addr, number][];
}

export function parseAllowList(setting: string): AllowList {
  const hosts = new Set<string>();
  const ranges: [Addr, number][] = [];
  for (const entry of setting.split(/[\s,]+/u).filter(Boolean)) {
    hosts.add(entry.toLowerCase());
    if (entry.includes('/')) {
      try {
        const [addr, bits] = ipaddr.parseCIDR(entry);
        ranges.push(canonicalRange(addr, bits));
      } catch {
        // Not a CIDR: kept as a host name only, as Mattermost does.
      }
      continue;
    }
    const addr = parseAddress(entry);
    if (addr) ranges.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
  }
  return { hosts, ranges };
}

/** A ::ffff:a.b.c.d/96+n range is the IPv4 range a.b.c.d/n, matching canonical addresses. */
function canonicalRange(addr: Addr, bits: number): [Addr, number] {
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96)
    return [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return [addr, bits];
}

export function hostAllowed(list: AllowList, hostname: string): boolean {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return list.hosts.has(bare.toLowerCase()) || list.hosts.has(hostname.toLowerCase());
}

/** May Parley connect to this resolved address? Public ones yes; others only when allow-listed. */
export function addressAllowed(list: AllowList, address: string): boolean {
  const addr = parseAddress(address);
  if (!addr) return false;
  if (!isReserved(addr) && !isOwnAddress(addr)) return true;
  return list.ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}
