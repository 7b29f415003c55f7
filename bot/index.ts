/**
 * The bot: its flows and its router, assembled into a dialog engine.
 */
import { DialogEngine } from '../core/dialog/engine.js';
import { fileFlow } from './flows/file.js';
import { rateFlow } from './flows/rate.js';
import { router } from './router.js';

export function createBot(): DialogEngine {
  return new DialogEngine([fileFlow, rateFlow], router);
}
