// An action's refusal as the status of the page that shows it next to its form (the same mapping as
// app.onError uses for refusals it answers itself).
import type { ActionErrorCode } from '../../actions/errors.ts';

export const ACTION_STATUS = { not_found: 404, invalid: 400, conflict: 409, unreachable: 422 } as const satisfies Record<ActionErrorCode, number>;
