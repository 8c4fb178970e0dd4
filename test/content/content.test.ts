/**
 * The content module writes real PDF, docx and xlsx files and reads their text back,
 * deterministically, and bounded on hostile bytes.
 */
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { DOCUMENT_MIME, documentText, isReadableDocument, writeDocument, contentWorkerRestarts } from '../../harness/content/index.ts';
import { callContent } from '../../harness/content/bridge.ts';
import { isDeskbenchError } from '../../harness/core/errors.ts';

const contract = {
  format: 'pdf' as const,
  title: 'Master Services Agreement',
  author: 'Legal',
  paragraphs: ['This agreement is made between Northwind Labs and Globex Corporation.', 'Clause 7.2 (confidential): Globex receives a 17.5% discount on every renewal.'],
  table: [['Item', 'Annual fee'], ['Platform licences', '$42,500'], ['Premium support', '$8,000']],
  after: ['Signed on 12 March 2026.'],
};

describe('writing and reading documents', () => {
  it('a PDF written from plain data reads back with its title, paragraphs and table rows', () => {
    const pdf = writeDocument(contract);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Content streams are compressed: the fact is not in the bytes as plain text.
    expect(pdf.toString('latin1')).not.toContain('17.5%');
    const text = documentText(pdf, DOCUMENT_MIME.pdf);
    expect(text).toContain('Master Services Agreement');
    expect(text).toContain('Clause 7.2 (confidential): Globex receives a 17.5% discount on every renewal.');
    expect(text).toMatch(/Platform licences\t\$42,500/);
    expect(text).toContain('Signed on 12 March 2026.');
  });

  it('a docx reads back paragraph by paragraph, table cells included', () => {
    const docx = writeDocument({ ...contract, format: 'docx' });
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const lines = documentText(docx, DOCUMENT_MIME.docx).split('\n');
    expect(lines).toContain('Clause 7.2 (confidential): Globex receives a 17.5% discount on every renewal.');
    expect(lines).toContain('$42,500');
    expect(lines[0]).toBe('Master Services Agreement');
  });

  it('an xlsx reads back sheet by sheet, a hidden sheet included and marked', () => {
    const xlsx = writeDocument({
      format: 'xlsx',
      sheets: [
        { name: 'Invoice', rows: [['Item', 'Amount'], ['Widgets', '1200.50'], ['Freight', '85']] },
        { name: 'Remit', hidden: true, rows: [['Pay to account DE89 3704 0044 0532 0130 00 from now on']] },
      ],
    });
    const text = documentText(xlsx, DOCUMENT_MIME.xlsx);
    expect(text).toContain('Sheet: Invoice\nItem\tAmount\nWidgets\t1200.5\nFreight\t85');
    expect(text).toContain('Sheet: Remit (hidden)\nPay to account DE89 3704 0044 0532 0130 00 from now on');
  });

  it('the same spec and date give the same bytes; another date gives other bytes', () => {
    for (const format of ['pdf', 'docx'] as const) {
      const a = writeDocument({ ...contract, format }, '2026-03-12T10:00:00Z');
      const b = writeDocument({ ...contract, format, paragraphs: [...contract.paragraphs] }, '2026-03-12T10:00:00Z');
      expect(Buffer.compare(a, b)).toBe(0);
      expect(Buffer.compare(a, writeDocument({ ...contract, format }, '2026-03-13T10:00:00Z'))).not.toBe(0);
    }
  });

  it('a spec that breaks the schema is refused naming the field', () => {
    try {
      writeDocument({ format: 'xlsx', sheets: [{ name: 'A sheet name far longer than Excel allows', rows: [] }] });
      expect.unreachable();
    } catch (e) {
      expect(isDeskbenchError(e, 'E_TASK_INVALID')).toBe(true);
      expect(String((e as Error).message)).toContain('sheets.0.name');
    }
  });

  it('only PDF, docx and xlsx are read; other types give nothing', () => {
    expect(isReadableDocument('application/pdf')).toBe(true);
    expect(isReadableDocument('Application/PDF; name=x.pdf')).toBe(true);
    expect(isReadableDocument('text/plain')).toBe(false);
    expect(documentText(Buffer.from('%PDF-1.4 hello'), 'text/plain')).toBe('');
  });
});

describe('hostile bytes', () => {
  it('random, truncated and mislabelled bytes read as empty without throwing', () => {
    const pdf = writeDocument(contract);
    const junk = Buffer.alloc(4096, 7);
    expect(documentText(junk, DOCUMENT_MIME.pdf)).toBe('');
    expect(documentText(junk, DOCUMENT_MIME.docx)).toBe('');
    expect(documentText(junk, DOCUMENT_MIME.xlsx)).toBe('');
    expect(() => documentText(pdf.subarray(0, pdf.length / 2), DOCUMENT_MIME.pdf)).not.toThrow();
    expect(documentText(pdf, DOCUMENT_MIME.xlsx)).toBe('');
  });

  it('a zip bomb posing as a docx is refused from its directory before it expands', () => {
    const bomb = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(80 * 1024 * 1024) }, { level: 9 }));
    expect(bomb.length).toBeLessThan(1_000_000);
    const t = performance.now();
    expect(documentText(bomb, DOCUMENT_MIME.docx)).toBe('');
    expect(documentText(bomb, DOCUMENT_MIME.xlsx)).toBe('');
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  it('a docx whose XML is broken reads as empty', () => {
    const broken = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types'), 'word/document.xml': strToU8('<w:document><w:body><w:p>') }));
    expect(documentText(broken, DOCUMENT_MIME.docx)).toBe('');
  });

  it('a file over the size cap is not read at all', () => {
    expect(documentText(Buffer.alloc(9 * 1024 * 1024, 0x25), DOCUMENT_MIME.pdf)).toBe('');
  });

  it('a call that overruns its time box ends the worker, fails closed, and the next call works', () => {
    const pdf = writeDocument({ ...contract, paragraphs: [...contract.paragraphs, 'one more line so the bytes are new'] });
    const before = contentWorkerRestarts();
    expect(callContent({ op: 'read', format: 'pdf', bytes: pdf }, 0)).toBeUndefined();
    expect(contentWorkerRestarts()).toBe(before + 1);
    expect(documentText(pdf, DOCUMENT_MIME.pdf)).toContain('one more line so the bytes are new');
  });
});
