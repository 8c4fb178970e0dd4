/** Every task of the suite, listed explicitly (a test fails if a task file is missing here). */
import type { Task } from '../harness/core/index.ts';

/** The suite, in catalogue order. */
export const TASKS: readonly Task[] = [];
