import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may be sent. A receiver must be a public unicast address: loopback, private,
 * link-local (cloud metadata at 169.254.169.254 among them), carrier-grade NAT, multicast, reserved and
 * IPv6 forms embedding such IPv4 addresses are refused, unless an operator allows a network for an
 * on-premises CRM (WEBHOOK_ALLOWED_NETWORKS).
 */
export type AllowedNetworks = readonly string[];

/** Names that never leave the host or the site, refused without resolving them. */
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa)\.?$/i;

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function canonical(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

function allowedBy(address: Address, networks: AllowedNetworks): boolean {
  return networks.some((network) => {
    const [range, bits] = ipaddr.parseCIDR(network);
    const base = canonical(range);
    return base.kind() === address.kind() && address.match(base, bits);
  });
}

/** Why a resolved address may not receive webhooks, or null when it may. */
export function addressRefusal(text: string, allowed: AllowedNetworks): string | null {
  if (!ipaddr.isValid(text)) return `${text} is not an IP address`;
  const address = canonical(ipaddr.parse(text));
  if (allowedBy(address, allowed)) return null;
  const range = address.range();
  return range === 'unicast' ? null : `${address.toString()} is in the ${range} range, not a public address`;
}

/** `hostname` of a WHATWG URL (which already turned 2130706433 and 0x7f.0.0.1 into 127.0.0.1) without IPv6 brackets. */
const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

/** The literal address a URL names, or null when it names a host to resolve. */
export function literalAddress(url: URL): string | null {
  const host = bare(url.hostname);
  return ipaddr.isValid(host) ? host : null;
}

/**
 * Why webhooks may not go to `url`, or null. Host names are resolved with `resolve` and every address
 * must pass; a name that does not resolve now is left to the check at each delivery.
 */
export async function webhookTargetRefusal(url: URL, allowed: AllowedNetworks, resolve: (host: string) => Promise<string[]>): Promise<string | null> {
  const literal = literalAddress(url);
  if (literal) return addressRefusal(literal, allowed);
  if (LOCAL_NAMES.test(url.hostname)) return `${url.hostname} is a local name, not a public one`;
  let addresses: string[];
  try {
    addresses = await resolve(url.hostname);
  } catch {
    return null;
  }
  for (const address of addresses) {
    const refusal = addressRefusal(address, allowed);
    if (refusal) return `${url.hostname} resolves to ${refusal}`;
  }
  return null;
}
