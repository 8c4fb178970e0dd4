/**
 * A small `fetch` over node:http/https with keep-alive, handed to the official SDKs through
 * their documented `fetch` option. Node's built-in fetch goes through WHATWG streams and costs
 * about 2 ms of CPU per model call; at high concurrency that CPU queues on one event loop and
 * delays every trial. Responses are buffered (the harness never streams) and returned as
 * standard `Response` objects, so the SDKs behave exactly as with the global fetch.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// No cap on sockets per host: each trial in flight waits on its own model request, so a cap below
// the run's concurrency would queue requests here (at -c 1000, a cap of 256 made a run four times
// longer). The run's concurrency is what bounds them.
// Idle sockets are kept up to a bound that covers a large run: when a thousand answers arrive
// together, node's default of 256 closed most sockets while their trials were between turns,
// and the next turn's requests opened new connections (a third more connects per run).
const MAX_IDLE_SOCKETS = 4096;
const httpAgent = new HttpAgent({ keepAlive: true, maxFreeSockets: MAX_IDLE_SOCKETS });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxFreeSockets: MAX_IDLE_SOCKETS });

/**
 * Hands each finished response to its caller in a turn of the event loop of its own. Answers that
 * arrive together (a thousand trials waiting on one model API, or a process that was kept off the
 * CPU for a moment) would otherwise all be parsed and acted on in one pass of the loop: every
 * trial's next step run back to back, with no timer or socket served until the last. One per turn,
 * the loop never holds for more than one trial's step.
 */
let lastTurn = Promise.resolve();
const nextTurn = (): Promise<void> => (lastTurn = lastTurn.then(() => new Promise<void>((r) => setImmediate(r))));

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const given = init?.headers;
  // The SDKs pass a Headers already (names lower-cased, values joined): read it as it is rather
  // than copy it into another first. Records and pairs go through Headers to be normalised.
  for (const [k, v] of given instanceof Headers ? given : new Headers(given ?? {})) out[k] = v;
  return out;
}

async function bodyOf(body: RequestInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  // Bytes, not a string: node would join a string body to the header text and encode it again in
  // the socket write, copying a 30 KB conversation twice more on the JavaScript heap.
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // Anything else (FormData, streams, blobs): let the platform serialise it.
  return Buffer.from(await new Response(body as BodyInit).arrayBuffer());
}

/**
 * A standard Response whose body is already in memory: `text`, `json`, `arrayBuffer` and `blob`
 * read the bytes directly, without the web stream a Response builds around a body (a fifth of a
 * model call's client CPU at a thousand trials: 0.24–0.29 against 0.31–0.34 ms). `body` is a
 * stream over the same bytes, made on first access for code that reads it (the Anthropic SDK
 * looks at it without reading); reading one way does not mark the other used.
 */
export class BufferedResponse extends Response {
  readonly #data: Buffer | null;
  #used = false;
  #stream: Response['body'] = null;
  constructor(data: Buffer | null, init: ResponseInit) {
    super(null, init);
    this.#data = data;
  }
  #take(): Buffer {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#data ?? Buffer.alloc(0);
  }
  override get bodyUsed(): boolean {
    return this.#used;
  }
  override get body(): Response['body'] {
    if (this.#data === null) return null;
    if (!this.#stream) {
      const bytes = new Uint8Array(this.#data);
      this.#stream = new ReadableStream({
        start: (c) => {
          c.enqueue(bytes);
          c.close();
        },
      }) as Response['body'];
    }
    return this.#stream;
  }
  override async text(): Promise<string> {
    return this.#take().toString('utf8');
  }
  override async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.#take();
    return new Uint8Array(b).buffer;
  }
  override async blob(): Promise<Blob> {
    return new Blob([new Uint8Array(this.#take())], { type: this.headers.get('content-type') ?? '' });
  }
  override clone(): BufferedResponse {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.#data && Buffer.from(this.#data), { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}

/** A `fetch`-compatible function for the SDKs' `fetch` option. */
export async function nodeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  if (input instanceof Request) return fetch(input, init);
  const url = new URL(String(input));
  const body = await bodyOf(init?.body);
  const signal = init?.signal ?? undefined;
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
  const https = url.protocol === 'https:';
  return new Promise<Response>((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(url, {
      method: init?.method ?? 'GET', headers: headersOf(init), agent: https ? httpsAgent : httpAgent,
    }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        cleanup();
        // Name-value pairs, which the Response fills its own headers from in one pass (a Headers
        // built here would only be copied into it).
        const headers: Array<[string, string]> = [];
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) for (const x of v) headers.push([k, x]);
          else if (v !== undefined) headers.push([k, v]);
        }
        const status = res.statusCode ?? 500;
        const noBody = status === 204 || status === 304;
        const response = new BufferedResponse(noBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers });
        void nextTurn().then(() => resolve(response));
      });
    });
    const onAbort = () => req.destroy(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    const cleanup = () => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => {
      cleanup();
      reject(e);
    });
    // One end() with the body lets node send headers and body in a single write.
    if (body !== undefined) req.end(body);
    else req.end();
  });
}
