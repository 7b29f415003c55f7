/**
 * Telegram settings from the environment, validated like core/config.ts;
 * absent TELEGRAM_BOT_TOKEN means the channel is off.
 */
import { readEnv } from '../../core/config.js';

const schema = {
  type: 'object',
  properties: {
    TELEGRAM_BOT_TOKEN: { type: 'string', pattern: '^[A-Za-z0-9:_-]{5,100}$' },
    /** A self-hosted Bot API server (or, in tests, the emulator). */
    TELEGRAM_API_ROOT: { type: 'string', pattern: '^https?://', default: 'https://api.telegram.org' },
    /** Public HTTPS URL of this service's webhook route; unset = long polling. */
    TELEGRAM_WEBHOOK_URL: { type: 'string', pattern: '^https?://' },
    /** The secret_token Telegram sends on every webhook request (1–256 of A–Z a–z 0–9 _ -); derived from the bot token when unset. */
    TELEGRAM_WEBHOOK_SECRET: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,256}$' },
    /** Long-polling wait in seconds. */
    TELEGRAM_POLL_TIMEOUT: { type: 'integer', minimum: 0, maximum: 50, default: 25 },
    /** Least time between two polls that returned nothing (guards against servers that do not hold the poll). */
    TELEGRAM_POLL_MIN_INTERVAL_MS: { type: 'integer', minimum: 0, maximum: 60_000, default: 1000 },
    /** Sending pace: gaps between messages to one private chat, to one group, and overall. */
    TELEGRAM_CHAT_INTERVAL_MS: { type: 'integer', minimum: 0, maximum: 60_000, default: 1000 },
    TELEGRAM_GROUP_INTERVAL_MS: { type: 'integer', minimum: 0, maximum: 600_000, default: 3000 },
    TELEGRAM_GLOBAL_INTERVAL_MS: { type: 'integer', minimum: 0, maximum: 60_000, default: 34 },
  },
} as const;

export interface TelegramConfig {
  token: string;
  apiRoot: string;
  webhookUrl?: string;
  webhookSecret?: string;
  pollTimeoutSec: number;
  pollMinIntervalMs: number;
  chatIntervalMs: number;
  groupIntervalMs: number;
  globalIntervalMs: number;
}

/** The Telegram settings, or null when TELEGRAM_BOT_TOKEN is not set. */
export function loadTelegramConfig(env: NodeJS.ProcessEnv): TelegramConfig | null {
  if (!env.TELEGRAM_BOT_TOKEN) return null;
  const raw = readEnv(schema, env);
  return {
    token: raw.TELEGRAM_BOT_TOKEN as string,
    apiRoot: raw.TELEGRAM_API_ROOT as string,
    ...(raw.TELEGRAM_WEBHOOK_URL ? { webhookUrl: raw.TELEGRAM_WEBHOOK_URL as string } : {}),
    ...(raw.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: raw.TELEGRAM_WEBHOOK_SECRET as string } : {}),
    pollTimeoutSec: raw.TELEGRAM_POLL_TIMEOUT as number,
    pollMinIntervalMs: raw.TELEGRAM_POLL_MIN_INTERVAL_MS as number,
    chatIntervalMs: raw.TELEGRAM_CHAT_INTERVAL_MS as number,
    groupIntervalMs: raw.TELEGRAM_GROUP_INTERVAL_MS as number,
    globalIntervalMs: raw.TELEGRAM_GLOBAL_INTERVAL_MS as number,
  };
}
