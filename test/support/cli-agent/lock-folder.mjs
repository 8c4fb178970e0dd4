// Leaves a mess: a folder in its working folder with a file inside, then locks the folder
// (mode 000) so its own user can no longer list or delete it. The harness must still clean up.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

readFileSync(0, 'utf8');
const dir = join(process.env.DESKBENCH_WORKDIR, 'locked', 'deeper');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'file.txt'), 'left behind');
chmodSync(join(process.env.DESKBENCH_WORKDIR, 'locked'), 0o000);
