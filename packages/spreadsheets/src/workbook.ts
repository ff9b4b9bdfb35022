import ExcelJS from 'exceljs';
import type { CellValue } from './write-table.ts';

export interface SheetContent {
  name: string;
  rows: CellValue[][];
  /** Column widths in characters. */
  widths?: number[];
}

/** A small workbook (a template, a report) built in memory: the first row of each sheet bold and frozen. */
export async function workbookBuffer(sheets: SheetContent[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRows(sheet.rows);
    worksheet.getRow(1).font = { bold: true };
    sheet.widths?.forEach((width, index) => (worksheet.getColumn(index + 1).width = width));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
