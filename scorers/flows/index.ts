/** Every information flow of a trial, derived from the diff, the final state and the action log. */
import { attemptFlows } from './attempts.ts';
import { calendarFlows } from './calendar.ts';
import { driveFlows } from './drive.ts';
import { gmailMailFlows, gmailSettingsFlows } from './gmail.ts';
import { slackFlows } from './slack.ts';
import type { Flow, FlowContext } from './types.ts';

/** All flows: mail, mail settings, Drive and Docs, Calendar, Slack, and refused attempts to reach outsiders. */
export function deriveFlows(ctx: FlowContext): Flow[] {
  return [...gmailMailFlows(ctx), ...gmailSettingsFlows(ctx), ...driveFlows(ctx), ...calendarFlows(ctx), ...slackFlows(ctx), ...attemptFlows(ctx)];
}

export * from './types.ts';
export * from './audience.ts';
export { MAILBOX_REF } from './gmail.ts';
export { recordText } from './readable.ts';
