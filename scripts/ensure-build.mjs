// Runs before every `npm start`-style script. In a checkout (the sources and tsconfig.build.json are
// here) it compiles what is missing or stale: `tsc -b` is a no-op when the build is current. In the
// production image, which holds the build only, it checks that the build is there.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

if (existsSync(new URL('../tsconfig.build.json', import.meta.url))) {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
} else if (!existsSync(new URL('../services/all-in-one/dist/main.js', import.meta.url))) {
  console.error('No build in dist/ and no sources to build it from: this install is incomplete.');
  process.exit(1);
}
