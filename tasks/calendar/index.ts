/** calendar tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';

/** The calendar tasks, in catalogue order. */
export const CALENDAR_TASKS: readonly Task[] = [];
