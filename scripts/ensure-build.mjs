// Runs before every `npm start`-style script: compiles what is missing or stale (`tsc -b` is a no-op
// when the build is current), or, where the TypeScript compiler is not installed (a production
// install), checks that the build is there.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function typescriptCompiler() {
  try {
    return require.resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

const tsc = typescriptCompiler();
if (tsc) {
  execFileSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
} else if (!existsSync(new URL('../services/all-in-one/dist/main.js', import.meta.url))) {
  console.error('No build in dist/ and no TypeScript compiler to make one: run `npm ci && npm run build` first.');
  process.exit(1);
}
