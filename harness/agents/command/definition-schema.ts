/** The schema of a command agent definition (TOML or JSON): how deskbench starts an agent CLI for one trial. */
import { z } from 'zod';

/** A path inside the agent's working folder: relative, no `..`, no leading `/`. */
const WorkPath = z.string().min(1).max(200).regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w.@+-]+(\/[\w.@+-]+)*$/, 'a relative path inside the working folder (letters, digits, . _ - @ +, no "..")');

/** An environment variable name. */
const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'an environment variable name (letters, digits, _; not starting with a digit)');

/** A variable of the definition, set from the agent spec (`cmd:name?var=value`), the environment, or its default. */
export const VarDefinition = z.union([
  z.string().max(4096).describe('the default value'),
  z.object({
    description: z.string().max(500).describe('what the variable sets (shown in errors)'),
    default: z.string().max(4096).optional().describe('value when neither the spec nor the environment sets one'),
    env: EnvName.optional().describe('environment variable of the harness that sets it when the spec does not'),
    type: z.enum(['string', 'file']).default('string').describe('file: a path, made absolute and required to exist'),
    expose: z.boolean().default(false).describe('for a file: show its folder read-only inside the sandbox'),
  }).strict(),
]);
/** One variable definition. */
export type VarDefinition = z.infer<typeof VarDefinition>;

/** MCP config formats: the file each CLI reads. */
export const MCP_CONFIG_FORMATS = ['claude', 'gemini', 'codex', 'json', 'none'] as const;

/** Transcript formats deskbench can read into trajectory steps and token usage. */
export const TRANSCRIPT_FORMATS = ['claude-stream-json', 'codex-jsonl', 'gemini-json', 'gemini-stream-json'] as const;

/** A command agent definition. */
export const AgentDefinition = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, . _ - (at most 64)').describe('the harness label reported beside the model'),
  description: z.string().max(500).default('').describe('one line for `deskbench run --help` and docs'),
  model: z.string().min(1).max(128).describe('the model this agent runs by default; override with cmd:<name>?model=<id>'),
  command: z.array(z.string().max(100_000)).min(1).max(200).describe('argv, with {placeholders}'),
  instruction: z.object({
    via: z.enum(['argument', 'stdin', 'file']).describe('argument: the {instruction} placeholder; stdin: written then closed; file: written to `file` ({instruction_file})'),
    file: WorkPath.optional().describe('for via = "file": where the instruction is written'),
  }).strict(),
  vars: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a variable name: lower-case letters, digits, _'), VarDefinition).default({}),
  env: z.object({
    pass: z.array(EnvName).max(64).default([]).describe('variables copied from the harness environment when set (the vendor API key)'),
    set: z.record(EnvName, z.string().max(10_000)).default({}).describe('variables set to these values ({placeholders} allowed)'),
  }).strict().default({ pass: [], set: {} }),
  faces: z.object({
    mcp: z.object({
      transport: z.enum(['stdio', 'http']).describe('stdio: a relay the CLI starts; http: the streamable HTTP URL and token'),
      config: z.enum(MCP_CONFIG_FORMATS).describe('which MCP config file to write'),
      file: WorkPath.optional().describe('where to write it ({mcp_config}); default per format'),
      server: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/).default('deskbench').describe('the server name in the config'),
    }).strict().optional(),
    http: z.boolean().default(false).describe('the wire APIs: {api_url} and the tokens in DESKBENCH_USER_TOKEN / DESKBENCH_BOT_TOKEN'),
    skills: z.object({ dir: WorkPath.describe('folder for <skill>/SKILL.md and its pages, when the skills lever is on') }).strict().optional(),
    system_prompt: z.object({
      file: WorkPath.optional().describe('also write the trial\'s system prompt (the workplace, the meta prompt and the skills index as the levers say) here'),
    }).strict().optional(),
  }).strict().default({ http: false }),
  final_message: z.object({
    channel: z.enum(['stdout', 'file', 'mcp-finish', 'transcript']).describe('where the final message comes from'),
    file: WorkPath.optional().describe('for channel = "file": the file the agent writes ({final_message_file})'),
  }).strict(),
  transcript: z.object({
    format: z.enum(TRANSCRIPT_FORMATS),
    source: z.enum(['stdout', 'file']).default('stdout'),
    file: WorkPath.optional().describe('for source = "file"'),
  }).strict().optional(),
  limits: z.object({
    grace_seconds: z.number().min(0).max(300).default(10).describe('between SIGTERM and SIGKILL of the process group'),
    max_seconds: z.number().positive().max(86_400).optional().describe('the agent\'s own time limit, within the trial\'s wall limit'),
    max_processes: z.number().int().min(8).max(65_536).default(1024).describe('most processes of the agent user at once, in the sandbox (RLIMIT_NPROC)'),
  }).strict().default({ grace_seconds: 10, max_processes: 1024 }),
  sandbox: z.object({
    read_only: z.array(z.string().max(4096)).max(32).default([]).describe('host paths shown read-only inside the sandbox ({placeholders} allowed)'),
    allow_hosts: z.array(z.string().max(300)).max(32).default([]).describe('host[:port] the agent may reach through the proxy (its model API)'),
  }).strict().default({ read_only: [], allow_hosts: [] }),
}).strict();
/** A command agent definition as validated. */
export type AgentDefinition = z.infer<typeof AgentDefinition>;
