/** What an IP address is for: only `public` ones are webhook targets unless the operator allows more. */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'documentation'
  | 'reserved';

/** An IPv4 or IPv6 address as a number of 32 or 128 bits. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** A CIDR network: the addresses of `family` whose first `prefixLength` bits are those of `base`. */
export interface IpNetwork {
  readonly family: 4 | 6;
  readonly base: bigint;
  readonly prefixLength: number;
}

/** The operator's allow-list (WEBHOOK_ALLOWED_HOSTS): host names, lower-case, and networks. */
export interface AllowedTargets {
  readonly names: readonly string[];
  readonly networks: readonly IpNetwork[];
}

/** Nothing beyond public addresses is allowed. */
export const NO_ALLOWED_TARGETS: AllowedTargets = { names: [], networks: [] };

const BITS = { 4: 32, 6: 128 } as const;

/**
 * One part of an IPv4 address as the WHATWG URL parser and inet_aton read it: `0x` hexadecimal,
 * a leading `0` octal, else decimal.
 */
function parseIpv4Part(part: string): bigint | null {
  if (/^0x[0-9a-f]*$/i.test(part)) return BigInt(`0x${part.slice(2) || '0'}`);
  if (/^0[0-7]+$/.test(part)) return BigInt(`0o${part.slice(1)}`);
  if (/^[0-9]+$/.test(part)) return BigInt(part);
  return null;
}

/** IPv4 in any spelling a URL or getaddrinfo accepts: `2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`. */
function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length > 1 && parts.at(-1) === '') parts.pop();
  if (parts.length > 4) return null;
  const numbers = parts.map(parseIpv4Part);
  if (numbers.some((part) => part === null)) return null;
  const values = numbers as bigint[];
  const last = values.pop() as bigint;
  if (values.some((part) => part > 255n) || last >= 256n ** BigInt(4 - values.length)) return null;
  return values.reduce((sum, part, index) => sum + (part << BigInt(24 - 8 * index)), last);
}

function parseIpv6(text: string): bigint | null {
  let rest = text.includes('%') ? text.slice(0, text.indexOf('%')) : text;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon === -1) return null;
  const tail = rest.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(tail))
      return null;
    const v4 = parseIpv4(tail) as bigint;
    rest = `${rest.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0] as string);
  const end = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  const given = head.length + end.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const groups = [...head, ...Array<string>(8 - given).fill('0'), ...end];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  return groups.reduce((sum, group) => (sum << 16n) + BigInt(`0x${group}`), 0n);
}

/**
 * Reads an IP address: IPv4 in any spelling a URL or getaddrinfo accepts, IPv6 with or without
 * brackets (a zone such as `%eth0` is dropped). Null when the text is not an address.
 */
export function parseIpAddress(text: string): IpAddress | null {
  if (text.startsWith('[') && text.endsWith(']')) {
    const value = parseIpv6(text.slice(1, -1));
    return value === null ? null : { family: 6, value };
  }
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === null ? null : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === null ? null : { family: 4, value };
}

function contains(network: IpNetwork, address: IpAddress): boolean {
  if (network.family !== address.family) return false;
  const shift = BigInt(BITS[network.family] - network.prefixLength);
  return address.value >> shift === network.base >> shift;
}

function network(cidr: string): IpNetwork {
  const [address, prefix] = cidr.split('/');
  const { family, value } = parseIpAddress(address as string) as IpAddress;
  return { family, base: value, prefixLength: Number(prefix) };
}

/** IANA's special-purpose ranges, the first that holds an address gives its kind. */
const SPECIAL_RANGES: readonly (readonly [IpNetwork, Exclude<AddressKind, 'public'>])[] = (
  [
    ['0.0.0.0/8', 'unspecified'],
    ['10.0.0.0/8', 'private'],
    ['100.64.0.0/10', 'private'],
    ['127.0.0.0/8', 'loopback'],
    ['169.254.0.0/16', 'link-local'],
    ['172.16.0.0/12', 'private'],
    ['192.0.0.0/24', 'reserved'],
    ['192.0.2.0/24', 'documentation'],
    ['192.88.99.0/24', 'reserved'],
    ['192.168.0.0/16', 'private'],
    ['198.18.0.0/15', 'reserved'],
    ['198.51.100.0/24', 'documentation'],
    ['203.0.113.0/24', 'documentation'],
    ['224.0.0.0/4', 'multicast'],
    ['255.255.255.255/32', 'broadcast'],
    ['240.0.0.0/4', 'reserved'],
    ['::/128', 'unspecified'],
    ['::1/128', 'loopback'],
    ['2001::/23', 'reserved'],
    ['2001:db8::/32', 'documentation'],
    ['2002::/16', 'reserved'],
    ['3fff::/20', 'documentation'],
    ['fc00::/7', 'unique-local'],
    ['fe80::/10', 'link-local'],
    ['ff00::/8', 'multicast'],
  ] as const
).map(([cidr, kind]) => [network(cidr), kind] as const);

/** IPv6 ranges that carry an IPv4 address in their last 32 bits: mapped (`::ffff:a.b.c.d`) and NAT64. */
const EMBEDDING_IPV4 = [network('::ffff:0:0/96'), network('64:ff9b::/96')];
const GLOBAL_UNICAST = network('2000::/3');

/** The kind of an address; an IPv6 address carrying an IPv4 one has that one's kind. */
export function addressKind(address: IpAddress): AddressKind {
  if (EMBEDDING_IPV4.some((range) => contains(range, address))) {
    return addressKind({ family: 4, value: address.value & 0xffffffffn });
  }
  const special = SPECIAL_RANGES.find(([range]) => contains(range, address));
  if (special) return special[1];
  return address.family === 6 && !contains(GLOBAL_UNICAST, address) ? 'reserved' : 'public';
}

function normalizedName(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Names that mean this machine whatever DNS says (RFC 6761, and the usual /etc/hosts aliases). */
function isLocalhostName(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === 'localhost.localdomain' ||
    name === 'ip6-localhost' ||
    name === 'ip6-loopback'
  );
}

/**
 * What a URL's host is: the kind of its address when it is one (in any spelling), `loopback` for
 * `localhost`-style names, `name` for any other name, whose addresses only DNS knows.
 */
export function classifyHost(host: string): AddressKind | 'name' {
  const address = parseIpAddress(host);
  if (address) return addressKind(address);
  return isLocalhostName(normalizedName(host)) ? 'loopback' : 'name';
}

/** Whether the operator allows this host by name. */
export function isAllowedName(host: string, allowed: AllowedTargets): boolean {
  return allowed.names.includes(normalizedName(host));
}

/** Whether an address may be called: a public one, or one in an allowed network. */
export function isAllowedAddress(text: string, allowed: AllowedTargets): boolean {
  const address = parseIpAddress(text);
  if (!address) return false;
  const unmapped = contains(EMBEDDING_IPV4[0] as IpNetwork, address)
    ? { family: 4 as const, value: address.value & 0xffffffffn }
    : address;
  return (
    addressKind(address) === 'public' ||
    allowed.networks.some((range) => contains(range, address) || contains(range, unmapped))
  );
}

/**
 * Why a URL's host is refused before any lookup (save time): the kind of an address or
 * `localhost`-style name that is not allowed. Null for an allowed host and for other names,
 * which are checked once resolved, at call time.
 */
export function refusedHostKind(host: string, allowed: AllowedTargets): AddressKind | null {
  if (isAllowedName(host, allowed)) return null;
  const kind = classifyHost(host);
  if (kind === 'name' || kind === 'public') return null;
  if (kind === 'loopback' && !parseIpAddress(host)) return kind;
  return isAllowedAddress(host, allowed) ? null : kind;
}

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

function parseAllowedEntry(entry: string): { name: string } | { network: IpNetwork } | null {
  const [addressText, prefixText, ...extra] = entry.split('/');
  const address = parseIpAddress(addressText as string);
  if (address && extra.length === 0) {
    const bits = BITS[address.family];
    if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
    const prefixLength = prefixText === undefined ? bits : Number(prefixText);
    if (prefixLength > bits) return null;
    const shift = BigInt(bits - prefixLength);
    return { network: { family: address.family, base: (address.value >> shift) << shift, prefixLength } };
  }
  const name = normalizedName(entry);
  return prefixText === undefined && HOST_NAME.test(name) ? { name } : null;
}

/**
 * Reads WEBHOOK_ALLOWED_HOSTS: comma-separated host names (matched exactly, case-insensitively)
 * and CIDR networks such as `10.0.0.0/8` or `fd00::/8` (a bare address is a network of one).
 * Empty entries are ignored; `invalidEntry` is the 1-based position of the first unreadable one.
 */
export function parseAllowedTargets(
  text: string,
): { targets: AllowedTargets; invalidEntry: null } | { targets: null; invalidEntry: number } {
  const names: string[] = [];
  const networks: IpNetwork[] = [];
  const entries = text.split(',').map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    if (entry === '') continue;
    const parsed = parseAllowedEntry(entry);
    if (!parsed) return { targets: null, invalidEntry: index + 1 };
    if ('name' in parsed) names.push(parsed.name);
    else networks.push(parsed.network);
  }
  return { targets: { names, networks }, invalidEntry: null };
}
