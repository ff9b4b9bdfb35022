// Collects what the runtime image needs into one directory: the manifests (for a production-only
// `npm ci`), every workspace's compiled dist/ (without declarations and build info), the built
// migrations, the seed catalog and the start and health-check scripts. Usage: node scripts/stage-runtime.mjs <dir>
import { cp, mkdir, readdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = process.argv[2];
if (!target) {
  console.error('usage: node scripts/stage-runtime.mjs <dir>');
  process.exit(2);
}

const runtimeFile = (source) => !source.endsWith('.d.ts') && !source.endsWith('.d.ts.map') && !source.endsWith('.tsbuildinfo');

async function workspaces() {
  const globs = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
  const found = [];
  for (const glob of globs) {
    const parent = glob.replace(/\/\*$/, '');
    for (const name of (await readdir(join(root, parent))).sort()) {
      if (existsSync(join(root, parent, name, 'package.json'))) found.push(join(parent, name));
    }
  }
  return found;
}

async function copy(relative, filter) {
  await cp(join(root, relative), join(target, relative), { recursive: true, ...(filter ? { filter } : {}) });
}

await mkdir(target, { recursive: true });
for (const file of ['package.json', 'package-lock.json', 'seeds', 'dist/migrations', 'scripts/healthcheck.mjs', 'scripts/ensure-build.mjs']) {
  await copy(file);
}
for (const workspace of await workspaces()) {
  const dist = join(workspace, 'dist');
  if (!existsSync(join(root, dist))) throw new Error(`${dist} is missing: run npm run build first`);
  await copy(join(workspace, 'package.json'));
  await copy(dist, runtimeFile);
}
