/**
 * Reading documents the way agents do. Over the wire, the official clients get a PDF
 * attachment's bytes from Gmail's attachments.get (base64url) and a Drive xlsx's bytes from
 * files.get alt=media, exactly as stored, and files.export refuses a non-Google file as
 * Drive does. The built-in loop's document helpers (through the real openai SDK against a
 * scripted local server) and the MCP face (through the official MCP client) return the text
 * inside them, and the action log shows the real operations that read them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { resolveAgent } from '../../harness/agents/registry.ts';
import { buildAgentTools } from '../../harness/agents/tools/index.ts';
import { DEFAULT_LIMITS, type ServiceId, type Workspace } from '../../harness/core/index.ts';
import { startTrialMcpEndpoint } from '../../harness/mcp/index.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';
import { seedMessage } from '../../harness/services/gmail/seed.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { DOCUMENT_MIME, documentAttachment, plantDocument, writeDocument } from '../../tasks/support/documents.ts';
import { startScriptedServer, type ScriptEntry, type ScriptedServer } from '../support/llm/server.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { httpClient, resultText } from '../mcp/support.ts';

const OWNER = companyFor(1).owner.email;
const AUTH = { principal: OWNER, tokenKind: 'user' as const };
const OFF = { skills: false, meta: false };

const CONTRACT = { format: 'pdf' as const, title: 'Renewal terms', paragraphs: ['The renewal price is locked at $61,200 per year until 2028.'], table: [['Term', 'Value'], ['Notice period', '90 days']] };
const REMIT = {
  format: 'xlsx' as const,
  sheets: [{ name: 'Invoice', rows: [['Item', 'Amount'], ['Consulting', '18400']] }, { name: 'Remit', hidden: true, rows: [['New bank account: GB29 NWBK 6016 1331 9268 19']] }],
};

/** A workspace holding a mail with the contract PDF and a Drive workbook with a hidden sheet; the ids. */
function planted(): { ws: Workspace; messageId: string; attachmentId: string; fileId: string; pdf: Buffer; xlsx: Buffer } {
  const ws = createWorkspace(baseWorkspace(1));
  const att = documentAttachment('renewal-terms.pdf', CONTRACT);
  const m = seedMessage(ws, { mailbox: OWNER, from: { name: 'Lena Ortiz', address: 'lena.ortiz@globex.example' }, to: [{ name: 'Owner', address: OWNER }], subject: 'Renewal terms', text: 'Terms attached.', attachments: [att] });
  const fileId = plantDocument(ws, { name: 'Invoice 2291.xlsx', ownerEmail: OWNER, spec: REMIT });
  return { ws, messageId: m.id, attachmentId: m.attachments[0]!.attachmentId, fileId, pdf: Buffer.from(att.data!, 'base64url'), xlsx: writeDocument(REMIT, ws.collection<{ createdTime: string }>('drive.files').peek(fileId)!.createdTime) };
}

describe('over the wire (official clients)', () => {
  let live: LiveServer;
  let p: ReturnType<typeof planted>;
  beforeAll(async () => {
    p = planted();
    live = await startLiveServer({ ws: p.ws, principal: OWNER });
  });
  afterAll(() => live?.close());

  it('Gmail attachments.get returns the PDF as base64url data, byte for byte', async () => {
    const { data } = await live.gmail.users.messages.attachments.get({ userId: 'me', messageId: p.messageId, id: p.attachmentId });
    expect(data.data).not.toMatch(/[+/=]/);
    expect(Buffer.compare(Buffer.from(data.data!, 'base64url'), p.pdf)).toBe(0);
    expect(data.size).toBe(p.pdf.length);
  });

  it('a PDF uploaded with Slack\'s files.uploadV2 keeps the words inside it (what the grader reads), and files.info shows no content for it, as Slack does for binaries', async () => {
    const { channels } = await live.slack.conversations.list({ types: 'public_channel', limit: 5 });
    const channel = channels?.find((c) => c.is_member)?.id ?? channels?.[0]?.id;
    const res = await live.slack.filesUploadV2({ channel_id: channel!, filename: 'renewal-terms.pdf', file: p.pdf, title: 'Renewal terms' });
    expect(res.ok).toBe(true);
    const stored = [...p.ws.collection<{ name: string; content: string; mimetype: string }>('slack.files').values()].find((f) => f.name === 'renewal-terms.pdf')!;
    expect(stored.mimetype).toBe(DOCUMENT_MIME.pdf);
    expect(stored.content).toContain('The renewal price is locked at $61,200 per year until 2028.');
    const info = await live.slack.files.info({ file: (res as unknown as { files: Array<{ files?: Array<{ id: string }> }> }).files[0]!.files![0]!.id });
    expect((info as { content?: string }).content).toBeUndefined();
  });

  it('Drive files.get alt=media returns the xlsx bytes; files.export refuses a non-Google file', async () => {
    const res = await live.drive.files.get({ fileId: p.fileId, alt: 'media' }, { responseType: 'arraybuffer' });
    expect(Buffer.compare(Buffer.from(res.data as ArrayBuffer), p.xlsx)).toBe(0);
    const refused = await live.drive.files.export({ fileId: p.fileId, mimeType: 'text/csv' }).then(() => undefined, (e: any) => e.response?.data?.error?.errors?.[0]?.reason);
    expect(refused).toBe('fileNotExportable');
  });
});

describe('the built-in loop\'s document helpers', () => {
  const servers: ScriptedServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('are offered with the mail helpers, per service, and not without them', () => {
    const ws = createWorkspace(baseWorkspace(1));
    const names = (services: ServiceId[], mailHelpers: boolean) => buildAgentTools({ ws, services, profile: 'discover', condition: OFF, auth: AUTH, mailHelpers }).specs.map((s) => s.name);
    expect(names(['gmail', 'drive'], true)).toEqual(expect.arrayContaining(['gmail_read_attachment', 'drive_read_file']));
    expect(names(['drive'], true)).toContain('drive_read_file');
    expect(names(['drive'], true)).not.toContain('gmail_read_attachment');
    expect(names(['gmail', 'drive'], false).filter((n) => n.includes('read_'))).toEqual([]);
  });

  it('a scripted model reads the PDF attachment and the hidden sheet; the log shows the real reads', async () => {
    const p = planted();
    const script: ScriptEntry[] = [
      { kind: 'reply', toolCalls: [{ name: 'gmail_read_attachment', arguments: { messageId: p.messageId, attachmentId: p.attachmentId } }, { name: 'drive_read_file', arguments: { fileId: p.fileId } }], usage: { input: 100, output: 10 } },
      { kind: 'reply', text: 'Read both.', usage: { input: 100, output: 5 } },
    ];
    const server = await startScriptedServer({ protocol: 'openai-chat', script });
    servers.push(server);
    const services: ServiceId[] = ['gmail', 'drive'];
    const tools = buildAgentTools({ ws: p.ws, services, profile: 'discover', condition: OFF, auth: AUTH, mailHelpers: true });
    const agent = resolveAgent('openai:gpt-4.1', { baseUrl: server.baseUrl, mailHelpers: true }, { env: { OPENAI_API_KEY: 'k' } });
    const outcome = await agent.run({ instruction: 'Read them.', services, condition: OFF, tools, limits: DEFAULT_LIMITS, signal: new AbortController().signal, record: () => undefined });
    expect(outcome.termination).toBe('completed');
    const msgs = server.requests[1]!.body.messages as Array<{ role: string; content: string }>;
    const [pdf, xlsx] = msgs.filter((m) => m.role === 'tool').map((m) => JSON.parse(m.content) as { text: string; filename?: string; name?: string; mimeType: string });
    expect(pdf).toMatchObject({ filename: 'renewal-terms.pdf', mimeType: DOCUMENT_MIME.pdf });
    expect(pdf!.text).toContain('The renewal price is locked at $61,200 per year until 2028.');
    expect(pdf!.text).toMatch(/Notice period\t90 days/);
    expect(xlsx).toMatchObject({ name: 'Invoice 2291.xlsx', mimeType: DOCUMENT_MIME.xlsx });
    expect(xlsx!.text).toContain('Sheet: Remit (hidden)\nNew bank account: GB29 NWBK 6016 1331 9268 19');
    const ops = p.ws.log.filter((a) => a.face === 'tool').map((a) => a.op);
    expect(ops).toEqual(['gmail.users.messages.get', 'gmail.users.messages.attachments.get', 'drive.files.get', 'drive.files.get']);
    expect(p.ws.log.at(-1)!.args).toMatchObject({ fileId: p.fileId, alt: 'media' });
  });

  it('a Google Doc is read through files.export; a damaged PDF says it could not be read', async () => {
    const p = planted();
    const tools = buildAgentTools({ ws: p.ws, services: ['drive'], profile: 'discover', condition: OFF, auth: AUTH, mailHelpers: true });
    const doc = await tools.execute({ id: 'c1', name: 'call_operation', arguments: { operation: 'drive.files.create', args: { requestBody: { name: 'Notes', mimeType: 'application/vnd.google-apps.document' } } } });
    const docId = (JSON.parse(doc.content) as { id: string }).id;
    const read = await tools.execute({ id: 'c2', name: 'drive_read_file', arguments: { fileId: docId } });
    expect(read.isError).toBe(false);
    expect(p.ws.log.at(-1)).toMatchObject({ op: 'drive.files.export' });
    const bad = await tools.execute({ id: 'c3', name: 'call_operation', arguments: { operation: 'drive.files.create', args: { requestBody: { name: 'broken.pdf', mimeType: DOCUMENT_MIME.pdf }, media: { mimeType: DOCUMENT_MIME.pdf, body: '%PDF-1.7 not really' } } } });
    const badRead = JSON.parse((await tools.execute({ id: 'c4', name: 'drive_read_file', arguments: { fileId: (JSON.parse(bad.content) as { id: string }).id } })).content) as { text: string; note: string };
    expect(badRead.text).toBe('');
    expect(badRead.note).toMatch(/could not be read/);
    const wrong = await tools.execute({ id: 'c5', name: 'drive_read_file', arguments: { file_id: 'x' } });
    expect(wrong.isError).toBe(true);
    expect(JSON.parse(wrong.content).error.message).toContain('Did you mean "fileId"?');
  });
});

describe('the MCP face', () => {
  it('carries the document helpers and returns the same text through the official MCP client', async () => {
    const p = planted();
    const tools = buildAgentTools({ ws: p.ws, services: ['gmail', 'drive'], profile: 'discover', condition: OFF, auth: AUTH, mailHelpers: true });
    const endpoint = await startTrialMcpEndpoint({ tools, condition: OFF, record: () => undefined });
    let c: Client | undefined;
    try {
      c = await httpClient(endpoint.url, endpoint.token);
      const names = (await c.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['gmail_read_attachment', 'drive_read_file']));
      const r = await c.callTool({ name: 'gmail_read_attachment', arguments: { messageId: p.messageId, attachmentId: p.attachmentId } });
      expect(resultText(r)).toContain('The renewal price is locked at $61,200 per year until 2028.');
      expect(p.ws.log.at(-1)).toMatchObject({ op: 'gmail.users.messages.attachments.get', face: 'tool' });
    } finally {
      await c?.close();
      await endpoint.close();
    }
  });
});
