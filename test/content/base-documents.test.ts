/**
 * The base workspace holds real documents: Drive PDFs, docx and xlsx and mailed PDF
 * receipts whose text reads back and agrees with their metadata; the same bytes come out
 * of a process that writes them afresh (empty document cache) as out of the cached build.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseWorkspace } from '../../datasets/base-workspace.ts';
import { documentText, formatOfMime } from '../../harness/content/index.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';
import type { DriveFile } from '../../harness/services/drive/model.ts';
import type { MessageRecord } from '../../harness/services/gmail/model.ts';

const ws = createWorkspace(baseWorkspace(1));
const realFiles = [...ws.collection<DriveFile>('drive.files').values()].filter((f) => f.contentBase64 && formatOfMime(f.mimeType));
const realMail = [...ws.collection<MessageRecord>('gmail.messages').values()].filter((m) => m.attachments.some((a) => a.data && formatOfMime(a.mimeType)));

describe('real documents in the base workspace', () => {
  it('Drive has PDF, docx and xlsx files whose text reads back', () => {
    const formats = new Set(realFiles.map((f) => formatOfMime(f.mimeType)));
    expect([...formats].sort()).toEqual(['docx', 'pdf', 'xlsx']);
    expect(realFiles.length).toBeGreaterThanOrEqual(6);
    for (const f of realFiles) {
      const bytes = Buffer.from(f.contentBase64!, 'base64');
      expect(f.size, f.name).toBe(bytes.length);
      expect(documentText(bytes, f.mimeType).length, f.name).toBeGreaterThan(40);
    }
    const msa = realFiles.find((f) => f.name.endsWith('- Master Services Agreement.pdf'))!;
    const text = documentText(Buffer.from(msa.contentBase64!, 'base64'), msa.mimeType);
    expect(text.replace(/\s+/g, ' ')).toContain(`and ${msa.name.split(' - ')[0]} ("Customer")`);
    expect(text).toMatch(/Total\t\$[\d,]+\.00/);
  });

  it('mailed receipts carry a PDF stating the amount in their subject', () => {
    expect(realMail.length).toBe(3);
    for (const m of realMail) {
      const a = m.attachments[0]!;
      const bytes = Buffer.from(a.data!, 'base64url');
      expect(a.size).toBe(bytes.length);
      const amount = / - (\$[\d,.]+)$/.exec(m.subject)![1]!;
      expect(documentText(bytes, a.mimeType)).toContain(`Order total\t${amount}`);
    }
  });

  it('a process with an empty document cache writes the very same bytes', () => {
    const script = new URL('./support/base-document-hashes.ts', import.meta.url).pathname;
    const run = (env: NodeJS.ProcessEnv) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    const dir = mkdtempSync(join(tmpdir(), 'deskbench-content-'));
    try {
      const fresh = run({ DESKBENCH_CONTENT_CACHE: dir });
      const cached = run({});
      expect(fresh.split('\n').length).toBe(realFiles.length + realMail.length);
      expect(fresh).toBe(cached);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
