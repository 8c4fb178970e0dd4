/**
 * Where a sandboxed agent may connect beyond its trial: the hosts its definition allows (the
 * model API), through the gateway's proxy. Everything else is refused; a reach for this machine
 * or the private network (other trials, the harness, cloud metadata) is also an escalation.
 */
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

/** One allowed destination. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** The proxy's answer for one destination. */
export type EgressDecision = 'allow' | 'refuse' | 'refuse-local';

/** Parses `host[:port]` (default port 443; IPv6 in brackets); undefined when malformed. */
export function parseHostPort(text: string, defaultPort = 443): HostPort | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!m) return undefined;
  const port = m[2] === undefined ? defaultPort : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host: m[1]!.replace(/^\[|\]$/g, '').toLowerCase(), port };
}

function privateV4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

function privateV6(ip: string): boolean {
  const x = ip.toLowerCase();
  if (x === '::1' || x === '::') return true;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
  if (v4) return privateV4(v4[1]!);
  return /^f[cd]/.test(x) || /^fe[89ab]/.test(x);
}

/** The names and addresses of this machine (its hostname, every interface address). */
function ownAddresses(): Set<string> {
  const out = new Set<string>([hostname().toLowerCase()]);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.add(a.address.toLowerCase());
  return out;
}

/** True when a host names this machine or a private, loopback or link-local address. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  const kind = isIP(h);
  if (kind === 4 && privateV4(h)) return true;
  if (kind === 6 && privateV6(h)) return true;
  return ownAddresses().has(h);
}

/** The decision for `host:port` under an allow list (exact host and port; an allowed local host is allowed). */
export function egressDecision(host: string, port: number, allow: readonly HostPort[]): EgressDecision {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (allow.some((a) => a.host === h && a.port === port)) return 'allow';
  return isLocalHost(h) ? 'refuse-local' : 'refuse';
}
