export * from './database.ts';
export * from './eventually.ts';
export * from './redis.ts';
export * from './services.ts';
export * from './personal-data-leaks.ts';
export * from './leads.ts';
export * from './pdf.ts';
export * from './cli.ts';
