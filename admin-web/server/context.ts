/** What the admin web's routes share. */
import type { FastifyRequest } from 'fastify';
import type { Casework } from '../../core/casework.js';
import type { Config } from '../../core/config.js';
import type { TimeLimitPolicy } from '../../core/domain/time-limits.js';
import type { Db } from '../../core/storage/db.js';

export interface AdminContext {
  db: Db;
  config: Config;
  casework: Casework;
  policy: () => TimeLimitPolicy;
  clock: () => Date;
  /** Writes an audit entry for the signed-in staff member. */
  audit(req: FastifyRequest, action: string, ticketId: string | null, detail?: string | null): Promise<void>;
}
