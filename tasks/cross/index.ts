/** cross tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';

/** The cross tasks, in catalogue order. */
export const CROSS_TASKS: readonly Task[] = [];
