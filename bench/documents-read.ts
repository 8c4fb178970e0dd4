/**
 * Benchmark: reading and writing documents through the content worker. The first call of a
 * process starts the worker and loads the format's library; later calls are what a grader or
 * an agent helper pays per new document (text is cached by content hash, so a document read
 * again costs a hash). Run: `npx tsx bench/documents-read.ts [n]` (default 20 per format).
 */
import { documentText, mimeOf, writeDocument, type ContentSpec } from '../harness/content/index.ts';
import { median, percentile, r3 } from './stats.ts';

// Every write goes to the worker: no documents kept on disk from an earlier run.
process.env.DESKBENCH_CONTENT_CACHE = 'off';
const n = Number(process.argv[2] ?? 20);
const spec = (format: 'pdf' | 'docx' | 'xlsx', i: number): ContentSpec =>
  format === 'xlsx'
    ? { format, sheets: [{ name: 'Invoice', rows: [['Item', 'Amount'], ...Array.from({ length: 40 }, (_, k) => [`Line ${k} of ${i}`, String(100 + k)])] }, { name: 'Notes', hidden: true, rows: [[`note ${i}`]] }] }
    : { format, title: `Agreement ${i}`, paragraphs: Array.from({ length: 12 }, (_, k) => `Clause ${k}. The parties agree to term ${i}-${k}, with notice of ${30 + k} days.`), table: [['Item', 'Fee'], ['Licences', `$${i},000`]] };

const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const out: Record<string, unknown> = { bench: 'documents-read', perFormat: n };
for (const format of ['pdf', 'docx', 'xlsx'] as const) {
  let first: Buffer | undefined;
  const firstWrite = time(() => void (first = writeDocument(spec(format, -1))));
  const firstRead = time(() => void documentText(first!, mimeOf(format)));
  const files: Buffer[] = [];
  const writes = Array.from({ length: n }, (_, i) => time(() => void files.push(writeDocument(spec(format, i)))));
  const reads = files.map((b) => time(() => void documentText(b, mimeOf(format))));
  const cached = files.map((b) => time(() => void documentText(b, mimeOf(format))));
  out[format] = {
    firstWriteMs: r3(firstWrite), firstReadMs: r3(firstRead),
    writeMedianMs: r3(median(writes)), readMedianMs: r3(median(reads)), readP95Ms: r3(percentile(reads, 95)), cachedReadMedianMs: r3(median(cached)),
    bytesMedian: median(files.map((b) => b.length)),
  };
}
console.log(JSON.stringify(out, null, 2));
