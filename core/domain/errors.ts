/**
 * Domain errors with stable codes. The HTTP layer maps them to status codes;
 * flows map them to catalog texts.
 */
export type DomainErrorCode =
  | 'TICKET_NOT_FOUND'
  | 'TRANSITION_NOT_ALLOWED'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  /** The action is not possible for this ticket now (e.g. a second extension). */
  | 'ACTION_NOT_ALLOWED';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}
