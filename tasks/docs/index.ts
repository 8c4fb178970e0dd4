/** docs tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';

/** The docs tasks, in catalogue order. */
export const DOCS_TASKS: readonly Task[] = [];
