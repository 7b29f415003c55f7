/**
 * Settings from the environment, validated with env-schema (ajv). A bad value
 * stops start-up with a message naming the variable.
 */
import path from 'node:path';
import { envSchema } from 'env-schema';

const schema = {
  type: 'object',
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    HOST: { type: 'string', minLength: 1, default: '0.0.0.0' },
    /** Where the SQLite database and uploaded files live. */
    DATA_DIR: { type: 'string', minLength: 1, default: './data' },
    /** Another SQLite file (file:/path/to.db), or PostgreSQL (postgresql://user@host/db?schema=name). */
    DATABASE_URL: { type: 'string', pattern: '^(file:|postgres(ql)?://)' },
    LOG_LEVEL: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    /** GB/T 2260 code of the bureau's jurisdiction (330100 = 杭州市). */
    JURISDICTION: { type: 'string', pattern: '^\\d{6}$', default: '330100' },
    /** IANA time zone for ticket numbers, working days and shown times. */
    TIME_ZONE: { type: 'string', minLength: 1, default: 'Asia/Shanghai' },
    DEFAULT_LOCALE: { type: 'string', enum: ['zh-CN', 'en'], default: 'zh-CN' },
    /** A conversation idle this long starts over. */
    SESSION_IDLE_MINUTES: { type: 'integer', minimum: 1, maximum: 1440, default: 30 },
    /** Longest inbound text accepted, in characters. */
    MAX_TEXT_LENGTH: { type: 'integer', minimum: 100, maximum: 100000, default: 2000 },
    /** Largest inbound image, in bytes. */
    MAX_IMAGE_BYTES: { type: 'integer', minimum: 1024, maximum: 50 * 1024 * 1024, default: 5 * 1024 * 1024 },
    /** Largest WebSocket frame, in bytes (an image arrives base64-encoded, about 4/3 of its size). */
    WS_MAX_FRAME_BYTES: { type: 'integer', minimum: 1024, maximum: 100 * 1024 * 1024, default: 8 * 1024 * 1024 },
    /** SQLite durability: FULL fsyncs every commit (default); NORMAL is for benchmarks only. */
    SQLITE_SYNCHRONOUS: { type: 'string', enum: ['FULL', 'NORMAL'], default: 'FULL' },
    /** Time-limit policy file (办理时限); defaults to core/domain/time-limits.json. */
    TIME_LIMIT_POLICY: { type: 'string', minLength: 1 },
    /** Admin web: a session expires after this many idle minutes. */
    ADMIN_SESSION_MINUTES: { type: 'integer', minimum: 5, maximum: 10080, default: 120 },
    /** Admin web: Secure cookie "auto" (when the request came over HTTPS, incl. X-Forwarded-Proto), "always" or "never". */
    ADMIN_COOKIE_SECURE: { type: 'string', enum: ['auto', 'always', 'never'], default: 'auto' },
    /** Admin web: failed logins allowed per user name and per address in 15 minutes. */
    ADMIN_LOGIN_MAX_ATTEMPTS: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
    /** Cron schedule of the time-limit job (due soon / overdue / escalation); "off" disables it. */
    DEADLINE_CRON: { type: 'string', minLength: 1, default: '*/5 * * * *' },
  },
} as const;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The SQLite file, or the PostgreSQL URL. */
  database: { file: string } | { url: string };
  logLevel: string;
  jurisdiction: string;
  timeZone: string;
  defaultLocale: 'zh-CN' | 'en';
  sessionIdleMs: number;
  maxTextLength: number;
  maxImageBytes: number;
  wsMaxFrameBytes: number;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  timeLimitPolicyFile: string | null;
  adminSessionMs: number;
  adminCookieSecure: 'auto' | 'always' | 'never';
  adminLoginMaxAttempts: number;
  deadlineCron: string;
}

function databaseOf(url: string | undefined, dataDir: string): Config['database'] {
  if (!url) return { file: path.join(dataDir, 'wanshitong.db') };
  if (url.startsWith('file:')) return { file: path.resolve(url.slice('file:'.length)) };
  return { url };
}

/**
 * Validates the environment against an env-schema (JSON Schema) and applies
 * its defaults; throws ConfigError naming the bad variable. Channels read
 * their own settings with it.
 */
export function readEnv(schema: object, env: NodeJS.ProcessEnv): Record<string, unknown> {
  try {
    return envSchema({ schema, data: env, dotenv: false }) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${(err as Error).message.replace(/^env\//, '')}`);
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = readEnv(schema, env);
  try {
    new Intl.DateTimeFormat('en', { timeZone: raw.TIME_ZONE as string });
  } catch {
    throw new ConfigError(`invalid configuration: TIME_ZONE "${raw.TIME_ZONE}" is not an IANA time zone`);
  }
  const dataDir = path.resolve(raw.DATA_DIR as string);
  return {
    port: raw.PORT as number,
    host: raw.HOST as string,
    dataDir,
    database: databaseOf(raw.DATABASE_URL as string | undefined, dataDir),
    logLevel: raw.LOG_LEVEL as string,
    jurisdiction: raw.JURISDICTION as string,
    timeZone: raw.TIME_ZONE as string,
    defaultLocale: raw.DEFAULT_LOCALE as Config['defaultLocale'],
    sessionIdleMs: (raw.SESSION_IDLE_MINUTES as number) * 60_000,
    maxTextLength: raw.MAX_TEXT_LENGTH as number,
    maxImageBytes: raw.MAX_IMAGE_BYTES as number,
    wsMaxFrameBytes: raw.WS_MAX_FRAME_BYTES as number,
    sqliteSynchronous: raw.SQLITE_SYNCHRONOUS as Config['sqliteSynchronous'],
    timeLimitPolicyFile: raw.TIME_LIMIT_POLICY ? path.resolve(raw.TIME_LIMIT_POLICY as string) : null,
    adminSessionMs: (raw.ADMIN_SESSION_MINUTES as number) * 60_000,
    adminCookieSecure: raw.ADMIN_COOKIE_SECURE as Config['adminCookieSecure'],
    adminLoginMaxAttempts: raw.ADMIN_LOGIN_MAX_ATTEMPTS as number,
    deadlineCron: raw.DEADLINE_CRON as string,
  };
}
