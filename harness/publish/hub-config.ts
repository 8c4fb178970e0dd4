/** Where and as whom to reach the Hugging Face Hub: endpoint, token and revision, read from flags and the environment with zod. */
import { z } from 'zod';
import { DeskbenchError } from '../core/index.ts';

/** The public Hub. */
export const DEFAULT_HUB_URL = 'https://huggingface.co';

/** Flags every Hub command takes. */
export interface HubFlags {
  hubUrl?: string;
  revision?: string;
}

/** A resolved Hub connection. */
export interface HubOptions {
  /** Endpoint without a trailing slash. */
  readonly hubUrl: string;
  /** `hf_…` token (absent: anonymous reads). */
  readonly accessToken?: string;
  /** Branch or revision read (writes go to `main`). */
  readonly revision: string;
}

const Url = z.url({ protocol: /^https?$/ });
const Token = z.string().regex(/^hf_[A-Za-z0-9_-]{4,200}$/);
const RepoName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/);
const Revision = z.string().regex(/^[A-Za-z0-9._/-]{1,200}$/);

/** Validates `owner/name`; a usage error says what a repo id looks like. */
export function repoName(text: string): string {
  const r = RepoName.safeParse(text);
  if (!r.success) throw new DeskbenchError('E_USAGE', `--repo "${text}" is not a Hub repo id of the form owner/name`, { hint: 'e.g. --repo acme/deskbench-results' });
  return text;
}

/**
 * The Hub connection from flags and the environment: `--hub-url`, else `$HF_ENDPOINT`,
 * else the public Hub; the token from `$HF_TOKEN` (required to write).
 */
export function hubOptions(f: HubFlags, o: { needToken: boolean }, env: Readonly<Record<string, string | undefined>> = process.env): HubOptions {
  const rawUrl = f.hubUrl ?? (env.HF_ENDPOINT?.trim() || DEFAULT_HUB_URL);
  if (!Url.safeParse(rawUrl).success) {
    throw new DeskbenchError('E_USAGE', `${f.hubUrl ? '--hub-url' : 'HF_ENDPOINT'} "${rawUrl}" is not an http(s) URL`, { hint: `e.g. ${DEFAULT_HUB_URL}` });
  }
  const token = env.HF_TOKEN?.trim() || undefined;
  if (token !== undefined && !Token.safeParse(token).success) {
    throw new DeskbenchError('E_CONFIG', 'HF_TOKEN is set but is not a Hugging Face access token (hf_…)', { hint: 'create a write token at huggingface.co/settings/tokens and export HF_TOKEN=hf_…' });
  }
  if (o.needToken && token === undefined) {
    throw new DeskbenchError('E_CONFIG', 'publishing needs a Hugging Face token with write access in HF_TOKEN', { hint: 'export HF_TOKEN=hf_… (or try --dry-run, which needs none)' });
  }
  const revision = f.revision ?? 'main';
  if (!Revision.safeParse(revision).success) throw new DeskbenchError('E_USAGE', `--revision "${revision}" is not a branch, tag or commit`);
  return { hubUrl: rawUrl.replace(/\/+$/, ''), ...(token ? { accessToken: token } : {}), revision };
}
