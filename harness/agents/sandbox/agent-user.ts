/** The unprivileged user sandboxed command agents run as: found, or created once with `useradd --system`. */
import { spawnSync } from 'node:child_process';
import { DeskbenchError } from '../../core/index.ts';
import { findExecutable } from './probe.ts';

/** Name of the agent user. One user serves every concurrent trial: each runs in its own namespaces and sees only its own folder. */
export const AGENT_USER = 'deskbench-agent';

/** The agent user's ids. */
export interface AgentUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

function idOf(flag: '-u' | '-g', name: string): number | undefined {
  const r = spawnSync('id', [flag, name], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const n = Number(r.stdout.trim());
  return Number.isInteger(n) ? n : undefined;
}

let known: AgentUser | undefined;

/**
 * The agent user, created when missing (as a system user with its own group, no home and no
 * login shell). Refuses a user that is root or in root's group: the whole point is that the
 * agent holds no privilege.
 */
export function ensureAgentUser(name = AGENT_USER): AgentUser {
  if (known && known.name === name) return known;
  let uid = idOf('-u', name);
  if (uid === undefined) {
    const useradd = findExecutable('useradd');
    if (!useradd) throw new DeskbenchError('E_CONFIG', `the sandbox needs the user ${name} and cannot create it: useradd is not installed`, { hint: `create it yourself (a system user with no privileges), or run with --no-sandbox` });
    const r = spawnSync(useradd, ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', '--comment', 'deskbench sandboxed command agents', name], { encoding: 'utf8' });
    // Exit 9: another process created it a moment ago.
    if (r.status !== 0 && r.status !== 9) {
      throw new DeskbenchError('E_CONFIG', `could not create the sandbox user ${name}: ${(r.stderr || `useradd exit ${r.status}`).trim()}`, { hint: 'create it yourself, or run with --no-sandbox' });
    }
    uid = idOf('-u', name);
  }
  const gid = idOf('-g', name);
  if (uid === undefined || gid === undefined) throw new DeskbenchError('E_CONFIG', `the sandbox user ${name} cannot be looked up`);
  if (uid === 0 || gid === 0) throw new DeskbenchError('E_CONFIG', `the sandbox user ${name} has uid ${uid} / gid ${gid}: an agent must never run as root`, { hint: `remove that user and let deskbench create ${name} again` });
  known = { name, uid, gid };
  return known;
}
