/** Reading a submission manifest from a file or bytes: size limit, JSON, schema, with errors naming the file and field. */
import { readFileSync, statSync } from 'node:fs';
import { DeskbenchError } from '../core/index.ts';
import { SubmissionManifest, SUBMISSION_FORMAT } from './manifest.ts';

/** Largest manifest read. */
export const MAX_SUBMISSION_BYTES = 512 * 1024 * 1024;

/** Validates parsed JSON as a manifest; E_IMPORT names the source and the first bad field. */
export function parseSubmission(json: unknown, source: string): SubmissionManifest {
  const r = SubmissionManifest.safeParse(json);
  if (r.success) return r.data;
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== SUBMISSION_FORMAT) {
    throw new DeskbenchError('E_IMPORT', `${source}: not a deskbench submission (format ${JSON.stringify(format ?? null)}, expected ${SUBMISSION_FORMAT})`, {
      hint: 'make one with `deskbench submit --run <id> --out <file>`',
    });
  }
  const i = r.error.issues[0]!;
  const detail = i.code === 'unrecognized_keys' ? `unknown field "${i.keys.join('", "')}"` : i.message;
  throw new DeskbenchError('E_IMPORT', `${source}: ${i.path.map(String).join('.') || '(root)'}: ${detail}`, { hint: 'the manifest was edited or damaged; ask for the file `deskbench submit` wrote' });
}

/** Reads and validates a manifest file. */
export function readSubmissionFile(path: string): SubmissionManifest {
  let json: unknown;
  try {
    const size = statSync(path).size;
    if (size > MAX_SUBMISSION_BYTES) throw new Error(`${size} bytes is more than the ${MAX_SUBMISSION_BYTES} a submission may have`);
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DeskbenchError('E_IMPORT', `${path}: cannot read the submission: ${(e as Error).message}`, { hint: 'give the file `deskbench submit` wrote' });
  }
  return parseSubmission(json, path);
}
