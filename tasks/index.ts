/** Every task of the suite: each folder lists its own tasks explicitly (a test checks every file is listed). */
import type { Task } from '../harness/core/index.ts';
import { GMAIL_TASKS } from './gmail/index.ts';
import { CALENDAR_TASKS } from './calendar/index.ts';
import { DRIVE_TASKS } from './drive/index.ts';
import { DOCS_TASKS } from './docs/index.ts';
import { SLACK_TASKS } from './slack/index.ts';
import { CROSS_TASKS } from './cross/index.ts';

/** The suite, in catalogue order: single-service by service, then cross-service. */
export const TASKS: readonly Task[] = [...GMAIL_TASKS, ...CALENDAR_TASKS, ...DRIVE_TASKS, ...DOCS_TASKS, ...SLACK_TASKS, ...CROSS_TASKS];
