/** Where a sandboxed agent's proxy may connect: the allowed hosts only; this machine and private networks are escalations. */
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { egressDecision, isLocalHost, parseHostPort } from '../../harness/agents/sandbox/egress.ts';

describe('egress policy', () => {
  it('parses host[:port] strictly', () => {
    expect(parseHostPort('api.anthropic.com')).toEqual({ host: 'api.anthropic.com', port: 443 });
    expect(parseHostPort('API.OpenAI.com:8443')).toEqual({ host: 'api.openai.com', port: 8443 });
    expect(parseHostPort('[::1]:80')).toEqual({ host: '::1', port: 80 });
    for (const bad of ['', 'a b', 'host:0', 'host:70000', 'http://x', 'x:y']) expect(parseHostPort(bad)).toBeUndefined();
  });

  it('knows this machine and the private networks', () => {
    for (const h of ['localhost', 'db.localhost', '127.0.0.1', '127.1.2.3', '10.0.0.8', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', 'metadata.google.internal', hostname()]) {
      expect(isLocalHost(h), h).toBe(true);
    }
    for (const h of ['example.com', '8.8.8.8', '172.32.0.1', '2001:4860::8888']) expect(isLocalHost(h), h).toBe(false);
  });

  it('allows exactly the listed host and port', () => {
    const allow = [{ host: 'api.anthropic.com', port: 443 }, { host: '10.1.2.3', port: 8000 }];
    expect(egressDecision('api.anthropic.com', 443, allow)).toBe('allow');
    expect(egressDecision('API.anthropic.com.', 443, allow)).toBe('allow');
    expect(egressDecision('api.anthropic.com', 80, allow)).toBe('refuse');
    expect(egressDecision('evil.example', 443, allow)).toBe('refuse');
    expect(egressDecision('10.1.2.3', 8000, allow)).toBe('allow');
    expect(egressDecision('10.1.2.3', 22, allow)).toBe('refuse-local');
    expect(egressDecision('169.254.169.254', 80, allow)).toBe('refuse-local');
  });
});
