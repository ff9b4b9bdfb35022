import { createRequire } from 'node:module';
import { CronExpressionParser } from 'cron-parser';
import ipaddr from 'ipaddr.js';
import { devApiKey, parseApiKeys, type ApiKey } from './api-keys.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const DEFAULT_WORKER_CONCURRENCY = 64;
export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export const DEFAULT_RETENTION_DAYS = 365;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const DEFAULT_JOB_LOCK_MS = 30_000;
/** Stands in for PII_KEY outside production only: it is public, so it protects nothing. */
const DEV_PII_KEY = Buffer.alloc(32, 'leadmatch-development-pii-key');

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Namespaces every BullMQ key, so deployments (or test runs) can share one Redis. */
  queuePrefix: string;
  /** When every open lead is re-matched: a cron pattern in China Standard Time. */
  rematchCron: string;
  /** Jobs one worker process runs at once per queue. */
  workerConcurrency: number;
  /**
   * API processes serving PORT together (node:cluster); 1 serves from the started process alone.
   * Above 1 needs Postgres, as embedded PGlite belongs to one process.
   */
  apiProcesses: number;
  /**
   * BullMQ: how long a worker's lock on a running job lasts (renewed every half of it). Once it
   * expires without renewal, because the worker died, another worker takes the job over; so it
   * bounds how long a killed worker's jobs wait.
   */
  jobLockMs: number;
  /**
   * Where a worker running alone serves GET /metrics for Prometheus, without authentication; 0 takes
   * any free port. Null when METRICS_PORT is unset: 9464, or any free port when another worker on
   * this host holds 9464. The API serves its metrics on its own port, to admin keys.
   */
  metricsPort: number | null;
  /** Loopback by default, so only this host reaches the worker's metrics. */
  metricsHost: string;
  dataDir: string;
  apiKeys: ApiKey[];
  /** True when API_KEYS was unset outside production and the `dev` key stands in. */
  usingDevKey: boolean;
  /** 32 bytes: seals contact data at rest and keys the phone hash used for lookup and dedup. */
  piiKey: Buffer;
  /** True when PII_KEY was unset outside production and a fixed development key stands in. */
  usingDevPiiKey: boolean;
  /** Personal data of a lead closed longer than this many days is erased by a scheduled job. */
  retentionDays: number;
  /** Requests one API key may make per minute (counted in Redis when REDIS_URL is set). */
  rateLimitPerMinute: number;
  /**
   * Networks (CIDR) webhooks may reach although they are not public, for an on-premises CRM; empty by
   * default, so loopback, private, link-local and the like are refused.
   */
  webhookAllowedNetworks: string[];
  logLevel: (typeof LOG_LEVELS)[number];
  /** `pretty` (pino-pretty, a development dependency) by default on a terminal outside production; JSON lines otherwise. */
  logFormat: LogFormat;
  nodeEnv: (typeof NODE_ENVS)[number];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
/** What loadConfig reads besides the environment. */
export interface Surroundings {
  stdoutIsTTY: boolean;
  prettyPrinterInstalled: boolean;
}

const PROCESS_SURROUNDINGS: Surroundings = { stdoutIsTTY: process.stdout.isTTY === true, prettyPrinterInstalled: prettyPrinterInstalled() };

export function loadConfig(env: Env = process.env, surroundings: Surroundings = PROCESS_SURROUNDINGS): Config {
  const problems: string[] = [];
  /** URLs may carry passwords, so their raw values are never echoed. */
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T | string): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const parsed = parse(raw);
    if (typeof parsed === 'string' && parsed.startsWith('!')) {
      const shown = name.endsWith('_URL') ? '' : ` (got "${raw}")`;
      problems.push(`${name} ${parsed.slice(1)}${shown}`);
      return fallback;
    }
    return parsed as T;
  };

  const nodeEnv = read('NODE_ENV', 'development' as Config['nodeEnv'], oneOf(NODE_ENVS));
  const config: Config = {
    port: read('PORT', 3000, portNumber),
    host: read('HOST', '0.0.0.0', (raw) => raw),
    databaseUrl: read('DATABASE_URL', undefined, url(['postgres:', 'postgresql:'])),
    redisUrl: read('REDIS_URL', undefined, url(['redis:', 'rediss:'])),
    queuePrefix: read('QUEUE_PREFIX', 'leadmatch', (raw) =>
      /^[A-Za-z0-9_-]{1,40}$/.test(raw) ? raw : '!must be 1 to 40 letters, digits, - or _',
    ),
    rematchCron: read('REMATCH_CRON', '0 3 * * *', cronPattern),
    workerConcurrency: read('WORKER_CONCURRENCY', DEFAULT_WORKER_CONCURRENCY, wholeNumber(1, 256)),
    apiProcesses: read('API_PROCESSES', 1, wholeNumber(1, 256)),
    jobLockMs: read('JOB_LOCK_MS', DEFAULT_JOB_LOCK_MS, wholeNumber(1000, 600_000)),
    metricsPort: read('METRICS_PORT', null, portNumber),
    metricsHost: read('METRICS_HOST', '127.0.0.1', (raw) => raw),
    dataDir: read('DATA_DIR', './data', (raw) => raw),
    apiKeys: [],
    usingDevKey: false,
    piiKey: DEV_PII_KEY,
    usingDevPiiKey: false,
    retentionDays: read('RETENTION_DAYS', DEFAULT_RETENTION_DAYS, wholeNumber(1, 3650)),
    rateLimitPerMinute: read('RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE, wholeNumber(1, 1_000_000)),
    webhookAllowedNetworks: read('WEBHOOK_ALLOWED_NETWORKS', [] as string[], networks),
    logLevel: read('LOG_LEVEL', 'info' as Config['logLevel'], oneOf(LOG_LEVELS)),
    logFormat: read('LOG_FORMAT', defaultLogFormat(nodeEnv, surroundings), oneOf(LOG_FORMATS)),
    nodeEnv,
  };

  if (config.logFormat === 'pretty' && !surroundings.prettyPrinterInstalled) {
    problems.push('LOG_FORMAT=pretty needs pino-pretty, a development dependency this install lacks; use json');
  }
  if (config.apiProcesses > 1 && !config.databaseUrl) {
    problems.push('API_PROCESSES above 1 needs DATABASE_URL: embedded PGlite can be opened by one process only');
  }

  const apiKeys = env.API_KEYS?.trim();
  if (apiKeys) {
    const parsed = parseApiKeys(apiKeys, nodeEnv === 'production' ? 16 : 1);
    if ('problems' in parsed) problems.push(...parsed.problems.map((problem) => `API_KEYS ${problem}`));
    else config.apiKeys = parsed.keys;
  } else if (nodeEnv === 'production') {
    problems.push('API_KEYS must be set when NODE_ENV=production (role:secret pairs separated by commas)');
  } else {
    config.apiKeys = [devApiKey()];
    config.usingDevKey = true;
  }

  const piiKey = env.PII_KEY?.trim();
  if (piiKey) {
    const parsed = parsePiiKey(piiKey);
    if (typeof parsed === 'string') problems.push(`PII_KEY ${parsed}`);
    else config.piiKey = parsed;
  } else if (nodeEnv === 'production') {
    problems.push('PII_KEY must be set when NODE_ENV=production (32 random bytes as 64 hex digits, e.g. `openssl rand -hex 32`)');
  } else {
    config.usingDevPiiKey = true;
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function portNumber(raw: string): number | string {
  return /^\d+$/.test(raw) && +raw < 65536 ? +raw : '!must be a port number from 0 (any free port) to 65535';
}

function wholeNumber(min: number, max: number) {
  return (raw: string): number | string =>
    /^\d+$/.test(raw) && +raw >= min && +raw <= max ? +raw : `!must be a whole number from ${min} to ${max}`;
}

/** 64 hex digits or base64 of 32 bytes; the key itself is never echoed. */
function parsePiiKey(raw: string): Buffer | string {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  return key.length === 32 && (raw.length === 64 || key.toString('base64') === raw)
    ? key
    : 'must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)';
}

/** Comma-separated networks in CIDR notation or single addresses, as CIDR. */
function networks(raw: string): string[] | string {
  const parts = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const parsed = parts.map((part) => (ipaddr.isValidCIDR(part) ? part : ipaddr.isValid(part) ? `${part}/${ipaddr.parse(part).kind() === 'ipv4' ? 32 : 128}` : null));
  return parsed.every((network) => network !== null) ? (parsed as string[]) : '!must be networks in CIDR notation separated by commas, such as 10.20.0.0/16,192.168.1.5';
}

function defaultLogFormat(nodeEnv: Config['nodeEnv'], { stdoutIsTTY, prettyPrinterInstalled }: Surroundings): LogFormat {
  return stdoutIsTTY && nodeEnv !== 'production' && prettyPrinterInstalled ? 'pretty' : 'json';
}

function prettyPrinterInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

function oneOf<const T extends readonly string[]>(values: T) {
  return (raw: string): T[number] | string =>
    values.includes(raw) ? (raw as T[number]) : `!must be one of ${values.join(', ')}`;
}

function cronPattern(raw: string): string {
  try {
    CronExpressionParser.parse(raw);
    return raw;
  } catch {
    return '!must be a cron pattern such as "0 3 * * *" (03:00 every day)';
  }
}

function url(protocols: string[]) {
  return (raw: string): string => {
    try {
      return protocols.includes(new URL(raw).protocol) ? raw : `!must be a ${protocols.join(' or ')}// URL`;
    } catch {
      return `!must be a URL such as ${protocols[0]}//host:port`;
    }
  };
}

/** For entry points: prints what is wrong with the environment and exits, instead of a stack trace. */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
