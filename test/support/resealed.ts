/** Submission edits for tests: what a careful cheat would do to a packed run. */
import { seal, type SubmissionManifest } from '../../harness/submit/manifest.ts';

/** A copy of `m` edited by `edit` and sealed again, so its content hash is valid. */
export function resealed(m: SubmissionManifest, edit: (m: SubmissionManifest) => void): SubmissionManifest {
  const copy = JSON.parse(JSON.stringify(m)) as SubmissionManifest;
  edit(copy);
  const { contentHash: _h, ...body } = copy;
  return seal(body);
}
