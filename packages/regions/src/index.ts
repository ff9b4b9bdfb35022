export { within, type Division, type DivisionLevel } from './division.ts';
export { englishNames } from './english.ts';
export { divisionAt, divisionByCode, parentsOf } from './lookup.ts';
export { resolvePlace } from './resolve.ts';
