export * from './formats.ts';
export * from './write-table.ts';
export * from './read-table.ts';
export * from './header.ts';
export * from './workbook.ts';
