/** Enumerates the methods of the official clients (@googleapis/* and @slack/web-api) without any network. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gmail } from '@googleapis/gmail';
import { calendar } from '@googleapis/calendar';
import { drive } from '@googleapis/drive';
import { docs } from '@googleapis/docs';
import { WebClient } from '@slack/web-api';
import type { ServiceId } from '../core/index.ts';

/**
 * Method paths of a generated Google client (`users.messages.list`). Resources are own
 * properties (except `context`); methods live on each resource's prototype.
 */
export function googleMethodPaths(api: object): string[] {
  const out: string[] = [];
  const visit = (obj: Record<string, unknown>, prefix: string[]) => {
    const proto = Object.getPrototypeOf(obj) as object | null;
    if (proto && proto !== Object.prototype) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name !== 'constructor' && typeof obj[name] === 'function') out.push([...prefix, name].join('.'));
      }
    }
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'context' || value === null || typeof value !== 'object') continue;
      visit(value as Record<string, unknown>, [...prefix, key]);
    }
  };
  visit(api as Record<string, unknown>, []);
  return out.sort();
}

/** Client-side helpers of @slack/web-api that are not wire methods. */
const SLACK_HELPERS = new Set(['files.uploadV2']);

/**
 * Method ids of the Slack WebClient (`chat.postMessage`): function leaves under its
 * plain-object method families. Client internals (axios, logger, queue) are class
 * instances or functions at the top level and are skipped.
 */
export function slackMethodPaths(client: object): string[] {
  const out: string[] = [];
  const visit = (obj: Record<string, unknown>, prefix: string[]) => {
    for (const [key, value] of Object.entries(obj)) {
      const path = [...prefix, key];
      if (typeof value === 'function' && prefix.length > 0) {
        if (!SLACK_HELPERS.has(path.join('.'))) out.push(path.join('.'));
      } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        visit(value as Record<string, unknown>, path);
      }
    }
  };
  visit(client as Record<string, unknown>, []);
  return out.sort();
}

/** Every official method path per service. */
export function officialMethods(): Record<ServiceId, string[]> {
  return {
    gmail: googleMethodPaths(gmail({ version: 'v1' })),
    calendar: googleMethodPaths(calendar({ version: 'v3' })),
    drive: googleMethodPaths(drive({ version: 'v3' })),
    docs: googleMethodPaths(docs({ version: 'v1' })),
    slack: slackMethodPaths(new WebClient('xoxb-coverage')),
  };
}

/**
 * The batchUpdate request kinds of the Docs API: the fields of `Schema$Request` in the
 * installed client's typings (node_modules/@googleapis/docs/build/v1.d.ts), read at
 * run time so the total follows the pinned client version.
 */
export function docsRequestKinds(): string[] {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('@googleapis/docs')), 'v1.d.ts');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('interface Schema$Request {');
  if (start < 0) throw new Error(`Schema$Request not found in ${file}`);
  const kinds: string[] = [];
  let depth = 0;
  for (const line of text.slice(start).split('\n')) {
    if (depth === 1) {
      const m = /^\s*([A-Za-z0-9_]+)\??:/.exec(line);
      if (m) kinds.push(m[1]!);
    }
    for (const c of line) {
      if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    if (depth === 0 && kinds.length > 0) break;
    if (depth === 0 && line.includes('}')) break;
  }
  return kinds.sort();
}

/** Versions of the clients counted against (printed with the report). */
export function clientVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const out: Record<string, string> = {};
  for (const name of ['@googleapis/gmail', '@googleapis/calendar', '@googleapis/drive', '@googleapis/docs', '@slack/web-api']) {
    try {
      const main = require.resolve(name);
      let dir = dirname(main);
      // Walk up to the package root.
      for (let i = 0; i < 4; i++) {
        try {
          const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
          if (pkg.name === name) {
            out[name] = pkg.version ?? '?';
            break;
          }
        } catch {
          // not the root yet
        }
        dir = dirname(dir);
      }
    } catch {
      out[name] = 'missing';
    }
  }
  return out;
}
