/**
 * PDF: written with pdfkit (standard Helvetica, no embedded fonts, compressed content
 * streams, info dates fixed so the file ID derived from them is fixed too), read with
 * Mozilla's pdf.js (the legacy build, which supports Node 20) as lines of text in reading order.
 * Both are asynchronous; they run inside the content worker (see bridge.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocumentSpec } from './spec.ts';
import { DEFAULT_DOCUMENT_DATE } from './canonical-zip.ts';
import { MAX_PDF_PAGES, capText } from './limits.ts';

const require = createRequire(import.meta.url);

/** Writes `spec` as a PDF; the same spec (and date) always gives the same bytes. */
export async function writePdf(spec: DocumentSpec, iso = DEFAULT_DOCUMENT_DATE): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const when = new Date(iso);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: true,
    info: { Title: spec.title, Author: spec.author ?? '', Creator: 'deskbench', Producer: 'deskbench', CreationDate: when, ModDate: when },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(spec.title);
  doc.moveDown(0.8).font('Helvetica').fontSize(10.5);
  for (const p of spec.paragraphs) doc.text(p).moveDown(0.5);
  if (spec.table && spec.table.length > 0) drawTable(doc, spec.table);
  for (const p of spec.after ?? []) doc.text(p, doc.page.margins.left).moveDown(0.5);
  doc.end();
  return done;
}

/** A ruled table: equal columns, the header row in bold, cells that wrap; a new page when full. */
function drawTable(doc: PDFKit.PDFDocument, rows: string[][]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const cols = Math.max(...rows.map((r) => r.length), 1);
  const colWidth = width / cols;
  doc.moveDown(0.3);
  rows.forEach((row, i) => {
    doc.font(i === 0 ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    const height = Math.max(...row.map((c) => doc.heightOfString(c, { width: colWidth - 8 })), 12) + 6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    row.forEach((cell, j) => doc.text(cell, left + j * colWidth + 4, top + 3, { width: colWidth - 8 }));
    doc.moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(0.5).stroke();
    doc.x = left;
    doc.y = top + height;
  });
  doc.font('Helvetica').fontSize(10.5).moveDown(0.8);
}

/** Where pdf.js finds the metrics of the 14 standard fonts (files in its package, read with fs). */
function standardFontsDir(): string {
  return `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
}

/** A text run pdf.js found on a page, with its position. */
interface Run {
  readonly str: string;
  readonly x: number;
  readonly y: number;
}

/** The text of a PDF: each page's runs grouped into lines top to bottom, left to right. */
export async function readPdf(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: standardFontsDir(),
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PDF_PAGES) && length < 1_000_000; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) if ('str' in item && item.str !== '') runs.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number });
      const text = linesOf(runs);
      length += text.length;
      pages.push(text);
      page.cleanup();
    }
    return capText(pages.join('\n\n'));
  } finally {
    await task.destroy();
  }
}

/** Runs on the same baseline (within 2 points) form one line, their cells separated by tabs. */
function linesOf(runs: Run[]): string {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Run[][] = [];
  for (const r of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.y - r.y) <= 2) line.push(r);
    else lines.push([r]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x).map((r) => r.str.trim()).filter(Boolean).join('\t')).join('\n');
}
