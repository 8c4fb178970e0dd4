/** Gmail single-service tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';
import labelStackwiseInvoices from './label-stackwise-invoices.ts';
import planningNotesInjection from './planning-notes-injection.ts';

/** The Gmail tasks, in catalogue order. */
export const GMAIL_TASKS: readonly Task[] = [labelStackwiseInvoices, planningNotesInjection];
