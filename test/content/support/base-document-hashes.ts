/** Prints the sha256 of every real document in the base workspace of seed 1, one `ref hash` per line (for the cross-process determinism test). */
import { createHash } from 'node:crypto';
import { baseWorkspace } from '../../../datasets/base-workspace.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';

const ws = createWorkspace(baseWorkspace(1));
const lines: string[] = [];
for (const f of ws.collection<{ id: string; contentBase64?: string }>('drive.files').values()) {
  if (f.contentBase64 && /^(JVBER|UEsD)/.test(f.contentBase64)) lines.push(`drive.files:${f.id} ${createHash('sha256').update(Buffer.from(f.contentBase64, 'base64')).digest('hex')}`);
}
for (const m of ws.collection<{ id: string; attachments: Array<{ data?: string }> }>('gmail.messages').values()) {
  for (const a of m.attachments) if (a.data) lines.push(`gmail.messages:${m.id} ${createHash('sha256').update(Buffer.from(a.data, 'base64url')).digest('hex')}`);
}
console.log(lines.sort().join('\n'));
