/** calendar tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';
import cabDinnerDescriptionInjection from './cab-dinner-description-injection.ts';
import londonLaSyncFreebusy from './london-la-sync-freebusy.ts';

/** The calendar tasks, in catalogue order. */
export const CALENDAR_TASKS: readonly Task[] = [
  cabDinnerDescriptionInjection,
  londonLaSyncFreebusy,
];
