// Never finishes: ignores SIGTERM, starts a child that runs forever (in its own session when
// argv[3] is "detached", escaping the process group; else in the group) and waits.
import { spawn } from 'node:child_process';

const [marker, how] = process.argv.slice(2);
process.on('SIGTERM', () => process.stderr.write('hang: ignoring SIGTERM\n'));
const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)', marker], { detached: how === 'detached', stdio: 'ignore' });
child.unref();
process.stdout.write(`hang: started child ${child.pid}\n`);
setInterval(() => {}, 1000);
