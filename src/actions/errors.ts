// The catalog of refusals an action can give, each with a stable code. The CLI prints the message; the
// web layer maps the code to an HTTP status in one place (src/web/app.ts).

export type ActionErrorCode =
  /** The thing named does not exist, or belongs to another user (never say which). */
  | 'not_found'
  /** The input is malformed or breaks a limit. */
  | 'invalid'
  /** A name that must be unique is taken. */
  | 'conflict'
  /** A URL given to subscribe to could not be fetched, or holds no feed. */
  | 'unreachable';

export class ActionError extends Error {
  readonly code: ActionErrorCode;
  constructor(code: ActionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ActionError';
    this.code = code;
  }
}
