#!/usr/bin/env node
// Launcher: runs the TypeScript CLI through tsx so a checkout works without a build step.
// An interrupt while the TypeScript loads exits 130; the CLI replaces this handler with its own.
const early = () => process.exit(130);
process.once('SIGINT', early);
process.once('SIGTERM', early);
globalThis.deskbenchEarlyInterrupt = early;
const { register } = await import('tsx/esm/api');
register();
await import('../harness/cli/main.ts');
