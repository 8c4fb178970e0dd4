/** slack tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';

/** The slack tasks, in catalogue order. */
export const SLACK_TASKS: readonly Task[] = [];
