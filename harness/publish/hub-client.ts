/**
 * The few Hub operations deskbench needs, through the official `@huggingface/hub`
 * client: who am I, create a dataset repo, list its files with their git and LFS hashes,
 * commit files, download one. Every Hub failure becomes a DeskbenchError('E_HUB') that
 * names the repo and what was being done.
 */
import { commitIter, createRepo, downloadFile, HubApiError, listFiles, whoAmI, type CommitOperation } from '@huggingface/hub';
import { DeskbenchError } from '../core/index.ts';
import type { HubOptions } from './hub-config.ts';

/** Most files listed from one repo (a dataset of a very large store stays far below it). */
export const MAX_REMOTE_FILES = 2_000_000;
/** Largest file downloaded in one piece. */
export const MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;

/** A file as the repo's tree lists it. */
export interface RemoteFile {
  readonly path: string;
  readonly size: number;
  /** Git blob id (sha1) of the file as stored in git (for an LFS file: of its pointer). */
  readonly oid: string;
  /** sha256 of the content, for files stored with LFS. */
  readonly lfsOid?: string;
}

/** One file to commit. */
export interface LocalFile {
  readonly path: string;
  readonly content: Buffer;
}

const repoOf = (name: string) => ({ type: 'dataset' as const, name });

function credentials(o: HubOptions) {
  return { hubUrl: o.hubUrl, ...(o.accessToken ? { accessToken: o.accessToken } : {}) };
}

/** Runs one Hub call; a failure is E_HUB naming `doing` and the status, with a hint for the common ones. */
async function hub<T>(doing: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DeskbenchError) throw e;
    const status = e instanceof HubApiError ? e.statusCode : undefined;
    const hint = status === 401 || status === 403
      ? 'check that HF_TOKEN is a token with write access to this namespace'
      : status === 404 ? 'check the repo id and --revision' : 'check --hub-url / HF_ENDPOINT and the network, then run the command again (it resumes)';
    throw new DeskbenchError('E_HUB', `Hub: ${doing} failed${status ? ` (HTTP ${status})` : ''}: ${(e as Error).message}`, { hint, cause: e });
  }
}

/** The account the token belongs to. */
export async function hubWhoAmI(o: HubOptions): Promise<string> {
  const me = await hub('checking the token (whoami)', () => whoAmI({ ...credentials(o), accessToken: o.accessToken! }));
  return me.name;
}

/** Creates the dataset repo unless it exists; true when it was created. */
export async function ensureDatasetRepo(o: HubOptions, repo: string, license: string): Promise<boolean> {
  try {
    await createRepo({ ...credentials(o), accessToken: o.accessToken!, repo: repoOf(repo), license });
    return true;
  } catch (e) {
    // 409: the repo exists already, which is what publishing again looks like.
    if (e instanceof HubApiError && e.statusCode === 409) return false;
    return hub(`creating dataset ${repo}`, () => Promise.reject(e));
  }
}

/** Every file of the dataset at `o.revision`, or undefined when the repo (or revision) does not exist. */
export async function remoteFiles(o: HubOptions, repo: string): Promise<Map<string, RemoteFile> | undefined> {
  const out = new Map<string, RemoteFile>();
  try {
    for await (const f of listFiles({ ...credentials(o), repo: repoOf(repo), recursive: true, revision: o.revision })) {
      if (f.type !== 'file') continue;
      if (out.size >= MAX_REMOTE_FILES) throw new DeskbenchError('E_HUB', `Hub: dataset ${repo} lists more than ${MAX_REMOTE_FILES} files`);
      out.set(f.path, { path: f.path, size: f.size, oid: f.oid ?? '', ...(f.lfs ? { lfsOid: f.lfs.oid } : {}) });
    }
  } catch (e) {
    if (e instanceof HubApiError && e.statusCode === 404) return undefined;
    return hub(`listing the files of ${repo}`, () => Promise.reject(e));
  }
  return out;
}

/** Progress of a commit, as lines for a person. */
export type CommitProgress = (line: string) => void;

/**
 * Commits `files` to `main` in one Hub commit (small files inline, large ones through
 * LFS as the Hub's preupload decides). Returns the commit id.
 */
export async function commitFiles(o: HubOptions, repo: string, files: readonly LocalFile[], title: string, progress?: CommitProgress): Promise<string> {
  const operations: CommitOperation[] = files.map((f) => ({ operation: 'addOrUpdate', path: f.path, content: new Blob([new Uint8Array(f.content)]) }));
  return hub(`committing ${files.length} files to ${repo}`, async () => {
    const it = commitIter({ ...credentials(o), repo: repoOf(repo), operations, title, useXet: false });
    let done = 0;
    for (;;) {
      const r = await it.next();
      if (r.done) return r.value?.commit.oid ?? '';
      const ev = r.value;
      if (ev.event === 'phase') progress?.(`  ${ev.phase === 'preuploading' ? 'checking which files go through LFS' : ev.phase === 'uploadingLargeFiles' ? 'uploading large files' : 'committing'}`);
      else if (ev.event === 'fileProgress' && ev.state === 'uploading' && ev.progress === 1) progress?.(`  uploaded ${ev.path} (${++done} large files)`);
    }
  });
}

/** The text of one file of the dataset, or undefined when it does not exist. */
export async function downloadText(o: HubOptions, repo: string, path: string): Promise<string | undefined> {
  return hub(`downloading ${path} from ${repo}`, async () => {
    const blob = await downloadFile({ ...credentials(o), repo: repoOf(repo), path, revision: o.revision, xet: false });
    if (!blob) return undefined;
    if (blob.size > MAX_DOWNLOAD_BYTES) throw new DeskbenchError('E_HUB', `Hub: ${path} in ${repo} is ${blob.size} bytes, more than the ${MAX_DOWNLOAD_BYTES} read`);
    return blob.text();
  });
}
