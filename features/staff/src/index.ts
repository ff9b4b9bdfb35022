export * from './repository.ts';
export * from './tables.ts';
export * from './api/routes.ts';
export { STAFF_ROLES } from './api/schemas.ts';
