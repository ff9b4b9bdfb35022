import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository's root, which the CLIs' paths are relative to. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Why a CLI test needs DATABASE_URL: the command is another process. */
export const ONLY_ON_POSTGRES = 'runs against DATABASE_URL; an embedded PGlite cannot be shared with a child process';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CLI from its TypeScript source as `npm run` would run its build, with nothing of this
 * process's environment but PATH: the database given (an empty DATABASE_URL means embedded PGlite).
 */
export function runCli(source: string, args: string[], databaseUrl = ''): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };
  const argv = ['--conditions=leadmatch-source', '--import=tsx', source, ...args];
  return promisify(execFile)(process.execPath, argv, { cwd: REPO_ROOT, env, timeout: 120_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: CliRun) => error,
  );
}
