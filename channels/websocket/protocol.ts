/**
 * The web-chat protocol on /ws/chat: JSON text frames, validated with ajv.
 *
 * Client → server:
 *   {"type":"hello","token"?,"locale"?}   start or resume a session
 *   {"type":"text","text","id"?}          a message (`id`: optional client id, a resend with the same id is handled once)
 *   {"type":"choice","value","id"?}       a quick-reply option picked
 *   {"type":"image","name","data","id"?}  a photo, base64
 *   {"type":"ping"}
 * Server → client:
 *   {"type":"session","token"}            sent first, new or resumed
 *   {"type":"reply","id","text","options"?:[{"label","value"}]}   (`id`: a crash between sending and recording
 *                                                                 it may repeat a reply; the repeat has the same id)
 *   {"type":"error","code","message"}
 *   {"type":"pong"}
 */
import { Ajv, type SchemaObject } from 'ajv';

export type ClientFrame =
  | { type: 'hello'; token?: string; locale?: string }
  | { type: 'text'; text: string; id?: string }
  | { type: 'choice'; value: string; id?: string }
  | { type: 'image'; name?: string; data: string; id?: string }
  | { type: 'ping' };

export type ServerFrame =
  | { type: 'session'; token: string }
  | { type: 'reply'; id: string; text: string; options?: { label: string; value: string }[] }
  | { type: 'error'; code: ErrorCode; message: string }
  | { type: 'pong' };

/** Stable error codes of error frames. */
export type ErrorCode = 'invalid_json' | 'invalid_frame' | 'unknown_type' | 'frame_too_large' | 'text_too_long' | 'invalid_image' | 'binary_not_supported' | 'rate_limited' | 'internal';

const id = { type: 'string', minLength: 1, maxLength: 64, nullable: true } as const;

const schemas: Record<string, SchemaObject> = {
  hello: {
    type: 'object',
    properties: { type: { const: 'hello' }, token: { type: 'string', nullable: true }, locale: { type: 'string', maxLength: 16, nullable: true } },
    required: ['type'],
  },
  text: { type: 'object', properties: { type: { const: 'text' }, text: { type: 'string' }, id }, required: ['type', 'text'] },
  choice: { type: 'object', properties: { type: { const: 'choice' }, value: { type: 'string', minLength: 1, maxLength: 200 }, id }, required: ['type', 'value'] },
  image: {
    type: 'object',
    properties: { type: { const: 'image' }, name: { type: 'string', maxLength: 200, nullable: true }, data: { type: 'string', minLength: 1 }, id },
    required: ['type', 'data'],
  },
  ping: { type: 'object', properties: { type: { const: 'ping' } }, required: ['type'] },
};

const ajv = new Ajv({ allErrors: false });
const validators = Object.fromEntries(Object.entries(schemas).map(([k, s]) => [k, ajv.compile(s)]));

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; code: ErrorCode; detail: string };

/** Parses and validates one text frame. */
export function parseFrame(raw: string): ParsedFrame {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'invalid_json', detail: 'the frame is not valid JSON' };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, code: 'invalid_frame', detail: 'a frame must be a JSON object with a "type"' };
  const type = (data as { type?: unknown }).type;
  if (typeof type !== 'string') return { ok: false, code: 'invalid_frame', detail: 'a frame must have a string "type"' };
  const validate = validators[type];
  if (!validate) return { ok: false, code: 'unknown_type', detail: `unknown frame type "${type.slice(0, 40)}"; expected hello, text, choice, image or ping` };
  if (!validate(data)) {
    const e = validate.errors?.[0];
    return { ok: false, code: 'invalid_frame', detail: `${type} frame: ${e?.instancePath || 'frame'} ${e?.message ?? 'is invalid'}` };
  }
  return { ok: true, frame: data as ClientFrame };
}
