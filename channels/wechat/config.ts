/**
 * WeChat settings from the environment; absent WECHATY_PUPPET means the
 * channel is off.
 */
import { readEnv } from '../../core/config.js';

const schema = {
  type: 'object',
  properties: {
    /** The Wechaty puppet: wechaty-puppet-service (with a token), wechaty-puppet-wechat4u, wechaty-puppet-mock (tests). */
    WECHATY_PUPPET: { type: 'string', pattern: '^[@a-z0-9/_-]+$' },
    WECHATY_PUPPET_SERVICE_TOKEN: { type: 'string', minLength: 1 },
    /** Names the Wechaty session (its memory card file). */
    WECHATY_NAME: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', default: 'wanshitong' },
    /** Sending pace per account: at least this gap between messages, plus 0..jitter. Bursts get accounts banned. */
    WECHAT_SEND_INTERVAL_MS: { type: 'integer', minimum: 0, maximum: 600_000, default: 1000 },
    WECHAT_SEND_JITTER_MS: { type: 'integer', minimum: 0, maximum: 60_000, default: 500 },
    /** Print the login QR code in the terminal (stderr). */
    WECHAT_PRINT_QR: { type: 'boolean', default: true },
    /** Bearer token for the login QR endpoints (until the admin web's own authentication lands). */
    ADMIN_TOKEN: { type: 'string', minLength: 16 },
  },
} as const;

export interface WeChatConfig {
  puppet: string;
  puppetToken?: string;
  name: string;
  sendIntervalMs: number;
  sendJitterMs: number;
  adminToken?: string;
  printQr: boolean;
}

export function loadWeChatConfig(env: NodeJS.ProcessEnv): WeChatConfig | null {
  if (!env.WECHATY_PUPPET) return null;
  const raw = readEnv(schema, env);
  return {
    puppet: raw.WECHATY_PUPPET as string,
    ...(raw.WECHATY_PUPPET_SERVICE_TOKEN ? { puppetToken: raw.WECHATY_PUPPET_SERVICE_TOKEN as string } : {}),
    name: raw.WECHATY_NAME as string,
    sendIntervalMs: raw.WECHAT_SEND_INTERVAL_MS as number,
    sendJitterMs: raw.WECHAT_SEND_JITTER_MS as number,
    ...(raw.ADMIN_TOKEN ? { adminToken: raw.ADMIN_TOKEN as string } : {}),
    printQr: raw.WECHAT_PRINT_QR as boolean,
  };
}
