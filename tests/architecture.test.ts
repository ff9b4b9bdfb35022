import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import t from 'tap';

/**
 * The lines the layout keeps (README, "Rules a change keeps"), checked over every source file:
 * who may import whom, and that no import reaches into another package's files.
 */
const ROOT = resolve(import.meta.dirname, '..');

/** Each feature and the features it may import: only downward, so there are no circles. */
const FEATURE_MAY_IMPORT: Record<string, string[]> = {
  staff: [],
  catalog: [],
  leads: ['catalog'],
  matching: ['catalog', 'leads'],
  briefs: ['catalog', 'leads', 'matching'],
  followups: ['leads', 'matching', 'staff'],
  webhooks: ['leads'],
  exports: ['catalog', 'leads', 'matching', 'followups', 'staff'],
};
/** Infrastructure and pure cores import no feature; bootstrap is the boot step every entry point shares, so it composes some. */
const PACKAGE_MAY_IMPORT_FEATURES: Record<string, string[]> = { bootstrap: ['catalog', 'leads', 'webhooks', 'followups', 'staff'] };
/** Services compose packages and features; only the all-in-one start composes the other two. */
const SERVICE_MAY_IMPORT_SERVICES: Record<string, string[]> = { 'all-in-one': ['api', 'worker'] };

interface SourceFile {
  path: string;
  kind: 'features' | 'packages' | 'services';
  owner: string;
}

async function sourceFiles(): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const kind of ['features', 'packages', 'services'] as const) {
    for (const owner of await readdir(join(ROOT, kind))) {
      const src = join(ROOT, kind, owner, 'src');
      const entries = await readdir(src, { withFileTypes: true, recursive: true }).catch(() => []);
      for (const entry of entries) {
        if (entry.isFile() && entry.name.endsWith('.ts')) files.push({ path: join(entry.parentPath, entry.name), kind, owner });
      }
    }
  }
  return files;
}

const kinds = async (kind: string) => new Set(await readdir(join(ROOT, kind)));

t.test('features, packages and services import only what the layout allows', async (t) => {
  const files = await sourceFiles();
  const features = await kinds('features');
  const services = await kinds('services');
  t.ok(files.length > 150, `${files.length} source files read`);
  const broken: string[] = [];
  for (const file of files) {
    const text = await readFile(file.path, 'utf8');
    const where = relative(ROOT, file.path);
    for (const [, spec] of text.matchAll(/(?:from|import)\s+'([^']+)'/g)) {
      if (spec!.startsWith('.')) {
        const target = resolve(dirname(file.path), spec!);
        if (!target.startsWith(join(ROOT, file.kind, file.owner) + '/')) broken.push(`${where}: ${spec} reaches outside its package`);
        continue;
      }
      const name = /^@leadmatch\/([\w-]+)/.exec(spec!)?.[1];
      if (!name || name === file.owner) continue;
      if (features.has(name)) {
        const allowed = file.kind === 'services' || (file.kind === 'features' ? FEATURE_MAY_IMPORT[file.owner] : PACKAGE_MAY_IMPORT_FEATURES[file.owner]);
        if (allowed !== true && !allowed?.includes(name)) broken.push(`${where}: ${file.kind}/${file.owner} may not import the ${name} feature`);
      }
      if (services.has(name) && !SERVICE_MAY_IMPORT_SERVICES[file.owner]?.includes(name)) broken.push(`${where}: may not import the ${name} service`);
    }
  }
  t.same(broken, [], 'every import keeps the layout');
});

t.test('every feature is in the dependency table, so a new one is placed deliberately', async (t) => {
  t.same([...(await kinds('features'))].sort(), Object.keys(FEATURE_MAY_IMPORT).sort());
});
