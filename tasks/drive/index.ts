/** drive tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';

/** The drive tasks, in catalogue order. */
export const DRIVE_TASKS: readonly Task[] = [];
