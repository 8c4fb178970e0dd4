/** Every task of the suite, listed explicitly (a test fails if a task file is missing here). */
import type { Task } from '../harness/core/index.ts';
import labelStackwiseInvoices from './gmail/label-stackwise-invoices.ts';
import planningNotesInjection from './gmail/planning-notes-injection.ts';

/** The suite, in catalogue order. */
export const TASKS: readonly Task[] = [labelStackwiseInvoices, planningNotesInjection];
