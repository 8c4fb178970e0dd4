/** The `finish` tool: the one tool of the MCP face that is not the workplace's, for handing in the final message. */
import type { ToolSpec } from '../core/index.ts';
import { FinalMessage, MAX_FINAL_MESSAGE_CHARS } from '../runner/external-trial.ts';

/** Name of the finish tool. */
export const FINISH_TOOL_NAME = 'finish';

/** The finish tool as the MCP face lists it. */
export const FINISH_TOOL: ToolSpec = {
  name: FINISH_TOOL_NAME,
  description:
    'Hand in your final message to the user when you are done: what you did, what you found, or why you did not act. ' +
    'It is graded with the workplace. Call it once, at the end; if you call it again, the last message counts.',
  parameters: {
    type: 'object',
    properties: {
      message: { type: 'string', description: `Your final message to the user (at most ${MAX_FINAL_MESSAGE_CHARS} characters).`, maxLength: MAX_FINAL_MESSAGE_CHARS },
    },
    required: ['message'],
    additionalProperties: false,
  },
};

/** Reads the finish tool's arguments; the error names what is wrong. */
export function parseFinishArgs(args: unknown): { ok: true; message: string } | { ok: false; error: string } {
  const r = FinalMessage.safeParse(args ?? {});
  if (r.success) return { ok: true, message: r.data.message };
  const issue = r.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'arguments';
  return { ok: false, error: `finish takes {"message": "<text>"}: ${where}: ${issue?.message ?? 'malformed'}` };
}
