/** files.uploadV2 (a client helper: three calls plus a POST to upload_url) through the real Slack operations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceBase } from '../../../harness/core/index.ts';
import { OPERATIONS } from '../../../harness/services/registry.ts';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';

const ready = ['slack.files.getUploadURLExternal', 'slack.files.uploadExternal', 'slack.files.completeUploadExternal', 'slack.conversations.list'].every((id) => OPERATIONS.has(id));

describe.skipIf(!ready)('slack files.uploadV2 over the wire', () => {
  let live: LiveServer;
  beforeAll(async () => {
    const { baseWorkspace } = (await import('../../../datasets/base-workspace.ts')) as { baseWorkspace: () => WorkspaceBase };
    live = await startLiveServer({ base: baseWorkspace() });
  }, 60_000);
  afterAll(() => live?.close());

  it('the upload_url is absolute and points back at the mock; the bytes land', async () => {
    const step1 = await live.slack.files.getUploadURLExternal({ filename: 'notes.txt', length: 11 });
    expect(step1.upload_url?.startsWith(`${live.url}/api/`)).toBe(true);
    const { channels } = await live.slack.conversations.list({ types: 'public_channel', limit: 5 });
    const channel = channels?.find((c) => c.is_member)?.id ?? channels?.[0]?.id;
    expect(channel).toBeDefined();
    const res = await live.slack.filesUploadV2({ channel_id: channel!, filename: 'notes.txt', file: Buffer.from('hello world'), title: 'Notes' });
    expect(res.ok).toBe(true);
    const uploads = live.ws.log.filter((a) => a.op === 'slack.files.uploadExternal');
    expect(uploads.at(-1)?.outcome).toBe('ok');
  });
});
