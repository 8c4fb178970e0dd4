/** The explicit list of sub-commands, in `--help` order. */
import type { Command } from 'commander';

/** Registers one sub-command on the program. */
export type RegisterCommand = (program: Command) => void;

/** Every sub-command. */
export const COMMANDS: readonly RegisterCommand[] = [];
