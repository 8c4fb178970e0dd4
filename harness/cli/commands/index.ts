/** The explicit list of sub-commands, in `--help` order. */
import type { Command } from 'commander';
import { register as quickstart } from './quickstart.ts';
import { register as list } from './list.ts';
import { register as run } from './run.ts';
import { register as check } from './check.ts';
import { register as show } from './show.ts';
import { register as runs } from './runs.ts';
import { register as newTask } from './new-task.ts';
import { register as merge } from './merge.ts';
import { register as apiDocs } from './api-docs.ts';
import { register as serve } from './serve.ts';
import { register as mcp } from './mcp.ts';
import { register as coverage } from './coverage.ts';
import { register as exportCmd } from './export.ts';
import { register as importCmd } from './import.ts';
import { register as report } from './report.ts';
import { register as rescore } from './rescore.ts';
import { register as submit } from './submit.ts';
import { register as verify } from './verify.ts';
import { register as publish } from './publish.ts';
import { register as pull } from './pull.ts';

/** Registers one sub-command on the program. */
export type RegisterCommand = (program: Command) => void;

/** Every sub-command. */
export const COMMANDS: readonly RegisterCommand[] = [
  quickstart,
  list,
  run,
  check,
  show,
  runs,
  newTask,
  merge,
  apiDocs,
  serve,
  mcp,
  coverage,
  exportCmd,
  importCmd,
  report,
  rescore,
  submit,
  verify,
  publish,
  pull,
];
