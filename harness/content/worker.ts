/**
 * The content worker: runs the format libraries (all asynchronous) for the synchronous
 * bridge. Each request arrives on the port the bridge handed over; the answer goes back on
 * it and the shared flag is raised so the waiting caller wakes.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { ContentRequest, ContentResponse } from './protocol.ts';
import { readDocx, writeDocx } from './docx.ts';
import { readPdf, writePdf } from './pdf.ts';
import { readXlsx, writeXlsx } from './xlsx.ts';

const { port, flag } = workerData as { port: MessagePort; flag: SharedArrayBuffer };
// A stray rejection or throw inside a library (a timer PDF.js left behind on bad bytes) must
// not end the worker: the request it belonged to has been answered, or times out and is
// refused; either way the next request needs a live worker.
process.on('unhandledRejection', () => undefined);
process.on('uncaughtException', () => undefined);
const signal = new Int32Array(flag);

/** Carries out one request. */
async function handle(req: ContentRequest): Promise<ContentResponse> {
  if (req.op === 'read') {
    const bytes = new Uint8Array(req.bytes);
    const text = req.format === 'pdf' ? await readPdf(bytes) : req.format === 'docx' ? await readDocx(bytes) : await readXlsx(bytes);
    return { ok: true, text };
  }
  const spec = req.spec;
  const bytes = spec.format === 'xlsx' ? await writeXlsx(spec, req.date) : spec.format === 'pdf' ? await writePdf(spec, req.date) : await writeDocx(spec, req.date);
  return { ok: true, bytes: new Uint8Array(bytes) };
}

port.on('message', (req: ContentRequest) => {
  handle(req)
    .catch((e: unknown): ContentResponse => ({ ok: false, error: e instanceof Error ? e.message : String(e) }))
    .then((res) => {
      port.postMessage(res);
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    });
});
