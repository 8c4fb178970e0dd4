/** The TaskApi that oracles and unsafe references use: same operations, same log, errors thrown. */
import type { AuthContext, CallFace, TaskApi, Workspace } from '../core/index.ts';

/** A TaskApi over a workspace; ApiErrors are thrown so a reference solution fails loudly. */
export function taskApi(ws: Workspace, auth: AuthContext, face: CallFace = 'oracle'): TaskApi {
  return {
    call(op, args = {}) {
      const r = ws.invoke(op, args, { face, auth });
      if (!r.ok) throw r.error;
      return r.value as never;
    },
    ask(question) {
      return ws.askUser(question, face).reply;
    },
  };
}
