/**
 * Excel workbooks, both ways with exceljs: sheets of cells (numeric cells stored as numbers,
 * hidden sheets hidden as Excel's Hide Sheet does), canonicalised after writing; read back
 * as each sheet's name then its rows, cells separated by tabs. Hidden sheets are read too,
 * marked as such, because a fact or an instruction can sit in one. Asynchronous; runs inside
 * the content worker (see bridge.ts).
 */
import type { WorkbookSpec } from './spec.ts';
import { DEFAULT_DOCUMENT_DATE, canonicalZip, zipProblem } from './canonical-zip.ts';
import { MAX_CELLS_PER_ROW, MAX_ROWS, MAX_SHEETS, capText } from './limits.ts';

/** A cell written as a number when its text is a plain number (so sums and formats work in Excel). */
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Writes `spec` as an .xlsx; the same spec (and date) always gives the same bytes. */
export async function writeXlsx(spec: WorkbookSpec, iso = DEFAULT_DOCUMENT_DATE): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const when = new Date(iso);
  wb.creator = spec.author ?? 'deskbench';
  wb.lastModifiedBy = spec.author ?? 'deskbench';
  wb.created = when;
  wb.modified = when;
  if (spec.title) wb.title = spec.title;
  for (const s of spec.sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.hidden ? 'hidden' : 'visible' });
    for (const row of s.rows) ws.addRow(row.map((c) => (NUMBER.test(c) && c.length < 16 ? Number(c) : c)));
  }
  return canonicalZip(new Uint8Array(await wb.xlsx.writeBuffer()), iso);
}

/** The text of an .xlsx: `Sheet: <name>` (with "(hidden)" when hidden), then its rows; '' past the limits. */
export async function readXlsx(bytes: Uint8Array): Promise<string> {
  if (zipProblem(bytes) !== '') return '';
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets.slice(0, MAX_SHEETS).forEach((ws) => {
    out.push(`Sheet: ${ws.name}${ws.state === 'visible' ? '' : ' (hidden)'}`);
    let rows = 0;
    ws.eachRow({ includeEmpty: false }, (row) => {
      if (++rows > MAX_ROWS) return;
      const cells: string[] = [];
      for (let c = 1; c <= Math.min(row.cellCount, MAX_CELLS_PER_ROW); c++) cells.push(row.getCell(c).text ?? '');
      out.push(cells.join('\t').trimEnd());
    });
  });
  return capText(out.join('\n'));
}
