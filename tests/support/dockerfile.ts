import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';

/**
 * Performs a Dockerfile's steps without Docker, for the instructions our Dockerfile uses: each
 * stage is a directory, container paths map into it, `COPY` copies from the build context (minus
 * .dockerignore) or an earlier stage, `RUN` runs in the stage's working directory with its `ENV`.
 * What only Docker can do (operating-system packages through apt-get, users, file ownership) is
 * listed in `skipped` rather than pretended.
 */
export interface ImageSteps {
  stages: Map<string, Stage>;
  /** The last stage: the image that runs. */
  image: Stage;
  skipped: string[];
}

export interface Stage {
  name: string;
  from: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  cmd: string[];
  entrypoint: string[];
  healthcheck: string[];
}

interface Instruction {
  keyword: string;
  flags: Record<string, string>;
  rest: string;
}

const run = promisify(execFile);

export function instructions(dockerfile: string): Instruction[] {
  const logical = dockerfile.replace(/\\\n/g, ' ').split('\n');
  return logical
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...words] = line.split(/\s+/);
      const flags: Record<string, string> = {};
      while (words[0]?.startsWith('--')) {
        const [flag = '', value = ''] = words.shift()!.slice(2).split(/=(.*)/s);
        flags[flag] = value;
      }
      return { keyword: keyword.toUpperCase(), flags, rest: words.join(' ') };
    });
}

/** `ENV a=b c=d` and `ARG a=b`. */
function assignments(text: string): Record<string, string> {
  return Object.fromEntries(text.split(/\s+/).map((pair) => pair.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

/** Turns .dockerignore's patterns (`**\/name`, `name`, `*.ext` under `**\/`) into a filter of context paths. */
async function contextFilter(context: string): Promise<(path: string) => boolean> {
  const patterns = (await readFile(join(context, '.dockerignore'), 'utf8').catch(() => ''))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const matches = (pattern: string, path: string) => {
    if (pattern.startsWith('**/')) {
      const name = pattern.slice(3);
      return path.split(sep).some((part) => (name.startsWith('*') ? part.endsWith(name.slice(1)) : part === name));
    }
    return path === pattern || path.startsWith(pattern + sep);
  };
  return (path) => !patterns.some((pattern) => matches(pattern, relative(context, path)));
}

export async function performImageSteps(context: string, workspace: string): Promise<ImageSteps> {
  const steps = instructions(await readFile(join(context, 'Dockerfile'), 'utf8'));
  const stages = new Map<string, Stage>();
  const skipped: string[] = [];
  const args: Record<string, string> = {};
  const included = await contextFilter(context);
  let stage: Stage | undefined;
  const inContainer = (path: string) => join(stage!.root, path.startsWith('/') ? path : join(stage!.workdir, path));

  for (const { keyword, flags, rest } of steps) {
    if (keyword === 'ARG') Object.assign(args, assignments(rest));
    else if (keyword === 'FROM') {
      const [image = '', , name = `stage${stages.size}`] = rest.replace(/\$\{(\w+)\}/g, (_, arg: string) => args[arg] ?? '').split(/\s+/);
      stage = { name, from: image, root: join(workspace, name), workdir: '/', env: {}, user: null, cmd: [], entrypoint: [], healthcheck: [] };
      stages.set(name, stage);
      await mkdir(stage.root, { recursive: true });
    } else if (!stage) throw new Error(`${keyword} before FROM`);
    else if (keyword === 'WORKDIR') {
      stage.workdir = rest;
      await mkdir(inContainer('.'), { recursive: true });
    } else if (keyword === 'ENV') Object.assign(stage.env, assignments(rest));
    else if (keyword === 'USER') stage.user = rest;
    else if (keyword === 'CMD') stage.cmd = JSON.parse(rest);
    else if (keyword === 'ENTRYPOINT') stage.entrypoint = JSON.parse(rest);
    else if (keyword === 'HEALTHCHECK') stage.healthcheck = JSON.parse(rest.replace(/^CMD\s+/, ''));
    else if (keyword === 'COPY') await copy(flags, rest, { context, stages, included, inContainer });
    else if (keyword === 'RUN') {
      if (rest.startsWith('apt-get')) skipped.push(`RUN ${rest}`);
      else await run('sh', ['-c', rest], { cwd: inContainer('.'), env: { ...process.env, ...stage.env }, maxBuffer: 64 * 1024 * 1024 });
    } else if (['EXPOSE', 'VOLUME'].includes(keyword)) continue;
    else throw new Error(`this Dockerfile interpreter does not know ${keyword}`);
  }
  if (!stage) throw new Error('the Dockerfile has no FROM');
  if (stage.user) skipped.push(`USER ${stage.user}`);
  return { stages, image: stage, skipped };
}

async function copy(
  flags: Record<string, string>,
  rest: string,
  { context, stages, included, inContainer }: {
    context: string;
    stages: Map<string, Stage>;
    included: (path: string) => boolean;
    inContainer: (path: string) => string;
  },
): Promise<void> {
  const paths = rest.split(/\s+/);
  const destination = paths.pop()!;
  const source = flags.from ? stages.get(flags.from) : undefined;
  if (flags.from && !source) throw new Error(`COPY --from=${flags.from}: no such stage`);
  for (const path of paths) {
    const from = source ? join(source.root, path) : join(context, path);
    const isDirectory = (await stat(from)).isDirectory();
    const into = isDirectory || (!destination.endsWith('/') && paths.length === 1)
      ? inContainer(destination)
      : join(inContainer(destination), basename(path));
    await cp(from, into, { recursive: true, filter: source ? undefined : included });
  }
}

/** The image's environment with its container paths (e.g. DATA_DIR) mapped into the stage's directory. */
export function imageEnvironment(stage: Stage): Record<string, string> {
  const mapped = (value: string) => (value.startsWith('/') ? join(stage.root, value) : value);
  return Object.fromEntries(Object.entries(stage.env).map(([name, value]) => [name, mapped(value)]));
}

/** Where the image's working directory is on this machine. */
export function imageWorkdir(stage: Stage): string {
  return join(stage.root, stage.workdir);
}
