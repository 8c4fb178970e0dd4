/** `--no-sandbox` when the harness runs as root: the agent still never runs as root, and only its environment is restricted. */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureAgentUser } from '../../harness/agents/sandbox/agent-user.ts';
import { tempDir } from '../support/temp-dir.ts';
import { commandTrial } from '../agents/command/trial.ts';

const rootOnly = process.getuid?.() === 0 ? describe : describe.skip;

rootOnly('an unsandboxed command agent under a root harness', () => {
  it('runs as the agent user, in its own folder, with only the environment its definition names', async () => {
    const dir = tempDir('deskbench-unsandboxed-');
    const def = join(dir, 'whoami.toml');
    writeFileSync(def, [
      'name = "whoami"', 'model = "none"', 'command = ["/bin/sh", "-c", "echo uid=$(id -u) cwd=$(pwd) vars=$(env | cut -d= -f1 | grep -c .) secret=${OPENAI_API_KEY:-absent}"]',
      '[instruction]', 'via = "stdin"', '[final_message]', 'channel = "stdout"',
    ].join('\n'));
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-parent-secret';
    try {
      const ex = await commandTrial(`cmd:${def}`, 'label-stackwise-invoices', { settings: { sandbox: false } });
      expect(ex.termination).toBe('completed');
      const user = ensureAgentUser();
      expect(ex.finalMessage).toMatch(new RegExp(`^uid=${user.uid} cwd=${tmpdir()}/deskbench-trial-[^/]+/work vars=\\d+ secret=absent$`));
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  }, 30_000);
});
