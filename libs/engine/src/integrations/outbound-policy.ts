import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, connect as netConnect, isIP, type Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { PermanentActionError } from '../errors/action-errors';

/** Resolves a host name to every address it has (the shape of `dns.promises.lookup(name, { all: true })`). */
export type OutboundLookup = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface OutboundPolicyOptions {
  /**
   * Targets an operator permits although they are not public (`OUTBOUND_ALLOWED_HOSTS`): host names (exact,
   * case-insensitive; connected to without address checks), addresses and CIDR ranges (resolved addresses inside
   * them are accepted).
   */
  allowed?: readonly string[];
  /** DNS resolution (default: the system resolver, every address). Tests inject a resolver that rebinds. */
  lookup?: OutboundLookup;
}

/** The error code of a refused target (`PermanentActionError.code`). */
export const OUTBOUND_REFUSED_CODE = 'outbound_address_refused';

/** IPv4 ranges that are not the public internet: this host, private networks, CGNAT, link-local (cloud metadata), test and reserved blocks. */
const NON_PUBLIC_V4: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
/** IPv6 ranges that are not the public internet (IPv4-mapped and NAT64 addresses are checked as the IPv4 address they carry). */
const NON_PUBLIC_V6: ReadonlyArray<[string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

const NON_PUBLIC = new BlockList();
for (const [network, prefix] of NON_PUBLIC_V4) NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of NON_PUBLIC_V6) NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** `[::1]` → `::1`, `Example.COM.` → `example.com`. */
export function normalizeHost(hostname: string): string {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

/** The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible or NAT64 (`64:ff9b::/96`) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|::ffff:0:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match) return match[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether an IP address is on the public internet (not loopback, private, link-local, CGNAT, multicast, reserved…). */
export function isPublicAddress(address: string): boolean {
  const host = normalizeHost(address).split('%')[0];
  const family = isIP(host);
  if (family === 0) return false;
  if (family === 6) {
    const v4 = embeddedIpv4(host);
    if (v4) return isPublicAddress(v4);
    return !NON_PUBLIC.check(host, 'ipv6');
  }
  return !NON_PUBLIC.check(host, 'ipv4');
}

/** Names that mean this machine without asking DNS. */
const LOCAL_NAME = /(^|\.)localhost$|^localhost\.localdomain$/;

/**
 * Which outbound targets a tenant-supplied URL may reach (issue 11, SSRF): public internet addresses only, unless the
 * operator allow-lists a host, an address or a range (`OUTBOUND_ALLOWED_HOSTS`). Checked when a URL is saved
 * (`checkHost`) and again on every connection (`resolve`): the address connected to is the address that was checked,
 * so a DNS answer that changes between the two (rebinding) cannot reach an internal service.
 */
export class OutboundPolicy {
  private readonly allowedHosts = new Set<string>();
  private readonly allowedAddresses = new BlockList();
  private readonly lookup: OutboundLookup;
  private dispatcher: Agent | null = null;
  private static fromEnvCache: { raw: string; policy: OutboundPolicy } | null = null;

  constructor(options: OutboundPolicyOptions = {}) {
    this.lookup = options.lookup ?? ((hostname) => dnsLookup(hostname, { all: true, verbatim: true }));
    for (const raw of options.allowed ?? []) {
      const entry = normalizeHost(raw);
      if (!entry) continue;
      const [network, prefix, extra] = entry.split('/');
      const family = isIP(network);
      if (extra !== undefined)
        throw new Error(`OUTBOUND_ALLOWED_HOSTS: "${raw}" is not a host, an address or a CIDR range`);
      if (prefix !== undefined) {
        const bits = Number(prefix);
        if (family === 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128))
          throw new Error(`OUTBOUND_ALLOWED_HOSTS: "${raw}" is not a valid CIDR range`);
        this.allowedAddresses.addSubnet(network, bits, family === 4 ? 'ipv4' : 'ipv6');
      } else if (family !== 0) {
        this.allowedAddresses.addAddress(network, family === 4 ? 'ipv4' : 'ipv6');
      } else {
        if (!/^[a-z0-9.-]+$/.test(entry))
          throw new Error(`OUTBOUND_ALLOWED_HOSTS: "${raw}" is not a host, an address or a CIDR range`);
        this.allowedHosts.add(entry);
      }
    }
  }

  /** `OUTBOUND_ALLOWED_HOSTS`: comma- or space-separated host names, addresses and CIDR ranges (default: none). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): OutboundPolicy {
    const raw = env.OUTBOUND_ALLOWED_HOSTS ?? '';
    if (OutboundPolicy.fromEnvCache?.raw !== raw)
      OutboundPolicy.fromEnvCache = {
        raw,
        policy: new OutboundPolicy({ allowed: raw.split(/[\s,]+/).filter(Boolean) }),
      };
    return OutboundPolicy.fromEnvCache.policy;
  }

  /** Whether an operator allow-listed this host name outright. */
  isAllowedHost(hostname: string): boolean {
    return this.allowedHosts.has(normalizeHost(hostname));
  }

  /** Whether a resolved address may be connected to: public, or inside an allow-listed address or range. */
  isAllowedAddress(address: string): boolean {
    const host = normalizeHost(address).split('%')[0];
    const family = isIP(host);
    if (family === 0) return false;
    if (this.allowedAddresses.check(host, family === 4 ? 'ipv4' : 'ipv6')) return true;
    const v4 = family === 6 ? embeddedIpv4(host) : null;
    if (v4 && this.allowedAddresses.check(v4, 'ipv4')) return true;
    return isPublicAddress(host);
  }

  /**
   * Save-time check of a URL's host: a reason it is refused, or null. Literal addresses and local names are judged
   * as written; other names are resolved, and a name that does not resolve now is accepted (the connection is
   * checked again anyway).
   */
  async checkHost(hostname: string): Promise<string | null> {
    const host = normalizeHost(hostname);
    if (!host) return 'has no host';
    if (this.isAllowedHost(host)) return null;
    if (isIP(host))
      return this.isAllowedAddress(host)
        ? null
        : `must not point to a loopback, private, link-local or reserved address (${host})`;
    if (LOCAL_NAME.test(host)) return `must not point to this machine (${host})`;
    let addresses: Array<{ address: string }>;
    try {
      addresses = await withTimeout(this.lookup(host), 3000);
    } catch {
      return null;
    }
    const refused = addresses.find((entry) => !this.isAllowedAddress(entry.address));
    return refused
      ? `must not point to a loopback, private, link-local or reserved address (${host} resolves to ${refused.address})`
      : null;
  }

  /**
   * Connect-time: the address to connect to for `hostname` — itself when allow-listed by name, else its resolved
   * addresses, every one of which must be allowed. Throws a permanent `outbound_address_refused` error otherwise.
   */
  async resolve(hostname: string): Promise<{ address: string; family: number } | null> {
    const host = normalizeHost(hostname);
    if (this.isAllowedHost(host)) return null;
    const literal = isIP(host);
    const addresses = literal ? [{ address: host, family: literal }] : await this.lookup(host);
    if (addresses.length === 0) throw new Error(`${host} did not resolve`);
    const refused = addresses.find((entry) => !this.isAllowedAddress(entry.address));
    if (refused) {
      throw new PermanentActionError(
        OUTBOUND_REFUSED_CODE,
        `Refused to connect to ${host}: ${refused.address} is not a public address (allow it with OUTBOUND_ALLOWED_HOSTS)`,
        {
          host,
          address: refused.address,
        },
      );
    }
    return addresses[0];
  }

  /**
   * An undici dispatcher whose every connection goes to an address this policy accepts (redirects included: they go
   * through the same dispatcher). Pass it with undici's own `fetch`. One per policy, shared by its drafters.
   */
  createDispatcher(): Agent {
    if (this.dispatcher) return this.dispatcher;
    const connector = buildConnector({ timeout: 10_000 });
    return (this.dispatcher = new Agent({
      connect: (connectOptions, callback) => {
        this.resolve(connectOptions.hostname).then(
          (target) => connector(target ? { ...connectOptions, hostname: target.address } : connectOptions, callback),
          (error: Error) => callback(error, null),
        );
      },
    }));
  }

  /**
   * A nodemailer `getSocket`: connects to an address this policy accepts and hands the connected socket to nodemailer
   * (which still speaks TLS to the original host name for smtps:// and STARTTLS).
   */
  smtpSocketFactory(
    timeoutMs: number,
  ): (
    options: { host?: string; port?: number | string; secure?: boolean },
    callback: (error: Error | null, socket?: { connection: Socket }) => void,
  ) => void {
    return (options, callback) => {
      const host = options.host ?? 'localhost';
      const port = Number(options.port) || (options.secure ? 465 : 587);
      this.resolve(host).then(
        (target) => {
          const socket = netConnect({ host: target?.address ?? normalizeHost(host), port });
          const timer = setTimeout(
            () =>
              socket.destroy(
                Object.assign(new Error(`Connection to ${host}:${port} timed out`), { code: 'ETIMEDOUT' }),
              ),
            timeoutMs,
          );
          const onError = (error: Error) => {
            clearTimeout(timer);
            callback(error);
          };
          socket.once('error', onError);
          socket.once('connect', () => {
            clearTimeout(timer);
            // From here on nodemailer owns the socket and its errors.
            socket.off('error', onError);
            callback(null, { connection: socket });
          });
        },
        (error: Error) => callback(error),
      );
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The refusal inside an error, however a client library wrapped it (`cause` chains of fetch and the OpenAI SDK). */
export function findOutboundRefusal(error: unknown): PermanentActionError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    if (current instanceof PermanentActionError && current.code === OUTBOUND_REFUSED_CODE) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
