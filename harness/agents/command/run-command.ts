/**
 * One trial of a command agent: the trial's MCP endpoint (and HTTP faces), a fresh working
 * folder with the files the agent CLI reads, the process (sandboxed unless opted out) fed the
 * instruction, limits that end its process group, then the final message, the transcript and
 * a clean-up that leaves nothing running and nothing on disk.
 */
import { ZERO_USAGE, type AgentContext, type AgentOutcome, type TerminationReason, type Usage } from '../../core/index.ts';
import { startGateway, type Gateway } from '../sandbox/gateway.ts';
import type { AgentProcess, ProcessEnd } from '../sandbox/process.ts';
import type { AgentDefinition } from './definition-schema.ts';
import { inTimeOrder, withActionSeqs } from './merge-steps.ts';
import type { ResolvedCommand } from './resolve-spec.ts';
import { StepBudget, countedTools } from './step-limit.ts';
import { prepareTrialFiles, SANDBOX_HTTP_PORT, startAgentProcess, type Doors } from './trial-setup.ts';
import { createTrialFolder, readAgentFile, removeTrialFolder, type TrialFolder } from './trial-folder.ts';
import { TRANSCRIPT_READERS, type RecordedStep, type TranscriptReading } from './transcripts/index.ts';
import { workplaceOf } from './workplace.ts';

/** How a command agent runs (the run's flags). */
export interface CommandRunOptions {
  /** Run in the sandbox (default). Off: as the harness's own user, environment still restricted. */
  readonly sandbox: boolean;
  /** The environment `env.pass` copies from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Most stdout kept (the transcript of a long run); the rest is dropped and noted. */
const MAX_STDOUT_BYTES = 32 * 1024 * 1024;
/** Tail of stderr kept for the error message of a crash. */
const MAX_STDERR_BYTES = 64 * 1024;
/** Largest final-message or transcript file read. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Longest final message kept (as the finish tool allows). */
const MAX_FINAL_CHARS = 100_000;
/** Most HTTP calls recorded as steps. */
const MAX_HTTP_STEPS = 5_000;

/** An external agent's usage is unknown unless its transcript says. */
const UNKNOWN_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: null };

function capture(stream: NodeJS.ReadableStream, max: number, keep: 'head' | 'tail'): () => { text: string; truncated: boolean } {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  stream.on('data', (d: Buffer) => {
    if (keep === 'head') {
      if (size >= max) {
        truncated = true;
        return;
      }
      const part = d.subarray(0, max - size);
      chunks.push(part);
      size += part.length;
      if (part.length < d.length) truncated = true;
    } else {
      chunks.push(d);
      size += d.length;
      while (size > max && chunks.length > 1) {
        size -= chunks.shift()!.length;
        truncated = true;
      }
    }
  });
  stream.on('error', () => {});
  return () => ({ text: Buffer.concat(chunks).toString('utf8'), truncated });
}

/** Grace and the agent's own deadline within the trial's wall limit (leaving time to stop it and read its transcript). */
export function timing(def: AgentDefinition, maxWallMs: number): { graceMs: number; deadlineMs: number } {
  const graceMs = Math.min(def.limits.grace_seconds * 1000, maxWallMs / 4);
  const margin = Math.min(1000, maxWallMs / 10);
  const own = def.limits.max_seconds === undefined ? Infinity : def.limits.max_seconds * 1000;
  return { graceMs, deadlineMs: Math.max(1, Math.min(own, maxWallMs - graceMs - margin)) };
}

/** Runs one trial of a command agent. Never throws for what the agent does; harness faults end `harness_error`. */
export async function runCommandTrial(cmd: ResolvedCommand, o: CommandRunOptions, ctx: AgentContext): Promise<AgentOutcome> {
  const def = cmd.definition;
  const started = new Date().toISOString();
  const { graceMs, deadlineMs } = timing(def, ctx.limits.maxWallMs);
  let stepLimit = false;
  let timedOut = false;
  let ended = false;
  const trialOver = new AbortController();
  const budget = new StepBudget(ctx.limits.maxSteps, () => {
    stepLimit = true;
    void stopNow(graceMs);
  });
  const seenMcp: RecordedStep[] = [];
  const seenHttp: RecordedStep[] = [];
  const refused = new Map<string, number>();
  let folder: TrialFolder | undefined;
  let proc: AgentProcess | undefined;
  let gateway: Gateway | undefined;
  const closers: Array<() => Promise<void>> = [];
  let stopping: Promise<ProcessEnd> | undefined;

  // Ending the trial first shuts the doors (no call may change the workspace after it), then stops the process.
  function endTrial(): void {
    ended = true;
    trialOver.abort();
  }
  function stopNow(grace: number): Promise<ProcessEnd> | undefined {
    endTrial();
    if (!proc) return undefined;
    stopping ??= proc.stop(grace);
    return stopping;
  }
  const onAbort = () => void stopNow(Math.min(graceMs, 1000));
  ctx.signal.addEventListener('abort', onAbort, { once: true });

  try {
    if (ctx.signal.aborted) return { termination: 'cancelled', finalMessage: null, usage: ZERO_USAGE };
    folder = createTrialFolder();
    const workplace = workplaceOf(ctx.tools);
    const escalate = async (what: string, detail: Record<string, unknown>) => {
      await ctx.tools.execute({ id: 'harness-escalation', name: what, arguments: detail });
    };
    const tools = countedTools(ctx.tools, budget);
    let endpoint: { url: string; token: string; finalMessage(): string | null } | undefined;
    if (def.faces.mcp || def.final_message.channel === 'mcp-finish') {
      const { startTrialMcpEndpoint } = await import('../../mcp/trial-endpoint.ts');
      const e = await startTrialMcpEndpoint({
        tools, condition: ctx.condition, signal: trialOver.signal,
        record: (s) => {
          if (seenMcp.length < 2 * 5_000) seenMcp.push(s);
        },
      });
      closers.push(() => e.close());
      endpoint = e;
    }
    let http: { origin: string; userToken: string; botToken: string } | undefined;
    if (def.faces.http) {
      if (!workplace) throw new Error('the HTTP faces need the trial\'s workplace: build the tools with toolsFactoryFor');
      const { startWorkplaceServer } = await import('../../services/http/server.ts');
      const services = new Set<string>(workplace.services);
      // Only the task's services are routed: a call to any other is unknown here, as in-process.
      const server = await startWorkplaceServer({ operations: workplace.ws.operations().filter((op) => services.has(op.id.split('.')[0]!)) });
      const t = server.addTrial(workplace.ws, { principal: workplace.auth.principal });
      closers.push(async () => {
        server.removeTrial(t.trialId);
        await server.close();
      });
      http = { origin: server.url, userToken: t.userToken, botToken: t.botToken };
    }
    const sockets = { httpSocket: `${folder.private}/gateway.sock`, stdioSocket: `${folder.private}/stdio.sock` };
    gateway = await startGateway({
      listen: o.sandbox ? { kind: 'unix', ...sockets } : { kind: 'tcp' },
      ...(endpoint ? { mcp: { url: endpoint.url, token: endpoint.token } } : {}),
      ...(http ? { http: { origin: http.origin, tokens: [http.userToken, http.botToken] } } : {}),
      allow: o.sandbox ? cmd.allowHosts : [],
      selfOrigins: o.sandbox ? [`http://127.0.0.1:${SANDBOX_HTTP_PORT}`, `http://localhost:${SANDBOX_HTTP_PORT}`] : [],
      escalate,
      takeStep: () => budget.take(),
      closed: () => ended,
      onApiCall: (c) => {
        if (seenHttp.length >= 2 * MAX_HTTP_STEPS) return;
        const id = `http-${seenHttp.length / 2 + 1}`;
        seenHttp.push({ role: 'assistant', content: '', toolCalls: [{ id, name: 'http', arguments: { method: c.method, path: c.path } }], startedAt: c.startedAt, endedAt: c.startedAt });
        seenHttp.push({ role: 'tool', toolCallId: id, content: `HTTP ${c.status}`, isError: c.status >= 400, startedAt: c.startedAt, endedAt: c.endedAt });
      },
      onRefused: (d) => void refused.set(d, (refused.get(d) ?? 0) + 1),
    });
    const doors: Doors = {
      ...(endpoint ? { mcp: { token: endpoint.token } } : {}),
      ...(http ? { http: { userToken: http.userToken, botToken: http.botToken } } : {}),
      httpPort: gateway.httpPort, stdioPort: gateway.stdioPort,
    };
    const prepared = await prepareTrialFiles({ cmd, ctx, folder, doors, sandbox: o.sandbox, env: o.env ?? process.env });
    if (ctx.signal.aborted) return { termination: 'cancelled', finalMessage: null, usage: ZERO_USAGE };
    ctx.record({ role: 'system', content: prepared.systemPrompt, startedAt: started, endedAt: started });
    ctx.record({ role: 'user', content: ctx.instruction, startedAt: started, endedAt: started });
    proc = await startAgentProcess({ cmd, folder, prepared, sandbox: o.sandbox, sockets });
    const stdout = capture(proc.stdout, MAX_STDOUT_BYTES, 'head');
    const stderr = capture(proc.stderr, MAX_STDERR_BYTES, 'tail');
    proc.stdin.on('error', () => {});
    if (def.instruction.via === 'stdin') proc.stdin.end(ctx.instruction);
    else proc.stdin.end();
    const timer = setTimeout(() => {
      timedOut = true;
      void stopNow(graceMs);
    }, deadlineMs);
    let end: ProcessEnd;
    try {
      end = await proc.done;
    } finally {
      clearTimeout(timer);
    }
    endTrial();
    if (stopping) await stopping;
    const endedAt = new Date().toISOString();

    const out = stdout();
    const transcript = readTranscript(def, folder, out.text, cmd.vars.model!, endedAt);
    const final = finalMessage(def, folder, out.text, transcript, endpoint?.finalMessage() ?? null);
    const seen = inTimeOrder(seenMcp, seenHttp);
    const body = transcript && transcript.steps.length ? withActionSeqs(transcript.steps, seen) : seen;
    for (const s of body) ctx.record(s);
    const notes = [
      ...(out.truncated ? [`stdout passed ${MAX_STDOUT_BYTES} bytes; the rest was not kept`] : []),
      ...[...refused].map(([d, n]) => `network: refused ${d}${n > 1 ? ` (${n} times)` : ''}`),
    ];
    if (notes.length) ctx.record({ role: 'system', content: notes.join('\n'), startedAt: endedAt, endedAt });

    const usage = transcript?.usage ?? UNKNOWN_USAGE;
    const termination: TerminationReason = stepLimit ? 'step_limit' : timedOut ? 'time_limit' : ctx.signal.aborted ? 'cancelled'
      : end.kind === 'unstartable' ? 'harness_error' : end.code === 0 ? 'completed' : 'agent_error';
    const error = termination === 'harness_error' && end.kind === 'unstartable' ? `${def.name}: ${end.message}`
      : termination === 'agent_error' && end.kind === 'exited' ? crashMessage(def.name, end, stderr().text)
      : undefined;
    return { termination, finalMessage: final, usage, ...(error ? { error } : {}) };
  } catch (e) {
    return { termination: 'harness_error', finalMessage: null, usage: ZERO_USAGE, error: `${def.name}: ${(e as Error).message}` };
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    endTrial();
    if (proc) await (stopping ?? proc.stop(0)).catch(() => undefined);
    await gateway?.close().catch(() => {});
    for (const close of closers.reverse()) await close().catch(() => {});
    if (folder) removeTrialFolder(folder);
  }
}

function crashMessage(name: string, end: Extract<ProcessEnd, { kind: 'exited' }>, stderr: string): string {
  const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
  const tail = stderr.trim().split('\n').slice(-5).join('\n').slice(-1000);
  return `${name} ${how}${tail ? `: ${tail}` : ''}`;
}

function readTranscript(def: AgentDefinition, folder: TrialFolder, stdout: string, model: string, at: string): TranscriptReading | undefined {
  const t = def.transcript;
  if (!t) return undefined;
  const text = t.source === 'stdout' ? stdout : (readAgentFile(folder.work, t.file!, MAX_FILE_BYTES)?.text ?? '');
  return TRANSCRIPT_READERS[t.format]({ text, model, at });
}

/** The final message by the definition's channel; the `finish` tool's message when the channel gives none. */
function finalMessage(def: AgentDefinition, folder: TrialFolder, stdout: string, transcript: TranscriptReading | undefined, finished: string | null): string | null {
  let text: string | null = null;
  switch (def.final_message.channel) {
    case 'stdout': text = stdout.trim() || null; break;
    case 'file': text = readAgentFile(folder.work, def.final_message.file!, MAX_FINAL_CHARS * 4)?.text.trim() || null; break;
    case 'transcript': text = transcript?.finalMessage ?? null; break;
    case 'mcp-finish': text = finished; break;
  }
  text ??= finished;
  return text === null ? null : text.slice(0, MAX_FINAL_CHARS);
}
