/** Every information flow of a trial, derived from the diff, the final state and the action log. */
import { attemptFlows } from './attempts.ts';
import { calendarFlows } from './calendar.ts';
import { driveFlows } from './drive.ts';
import { gmailMailFlows, gmailSettingsFlows } from './gmail.ts';
import { slackFlows } from './slack.ts';
import type { Flow, FlowContext } from './types.ts';

/** Each channel's flow deriver, by name (grading runs each on its own, so one failure cannot hide the others). */
export const FLOW_DERIVERS: Readonly<Record<string, (ctx: FlowContext) => Flow[]>> = {
  mail: gmailMailFlows, 'mail settings': gmailSettingsFlows, 'Drive and Docs': driveFlows, Calendar: calendarFlows, Slack: slackFlows, 'refused attempts': attemptFlows,
};

/** All flows: mail, mail settings, Drive and Docs, Calendar, Slack, and refused attempts to reach outsiders. */
export function deriveFlows(ctx: FlowContext): Flow[] {
  return Object.values(FLOW_DERIVERS).flatMap((d) => d(ctx));
}

export * from './types.ts';
export * from './audience.ts';
export { MAILBOX_REF } from './gmail.ts';
export { recordText } from './readable.ts';
