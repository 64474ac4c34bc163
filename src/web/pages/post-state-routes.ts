// What a reader says about a post from a page: feedback (like, dislike, off-topic, for the interest the
// post was shown under) and read state. A feedback button toggles: pressing the verdict that stands
// withdraws it (un-like, undo off-topic). Forms come back to where they were posted from; the script
// asks for JSON and updates the page in place.
import { Hono, type Context } from 'hono';
import { ActionError } from '../../actions/errors.ts';
import { feedbackKind, toggleFeedback } from '../../actions/feedback.ts';
import type { AuthEnv } from '../auth/context.ts';
import { reader, wantsJson, type PageDeps } from './deps.ts';
import { safeBack } from './post-actions.ts';

export function postStateRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store } = deps.actions;

  app.post('/posts/:id/feedback', async (c) => {
    const { user } = reader(c, deps);
    const postId = postIdParam(c);
    const form = await c.req.parseBody();
    const kind = feedbackKind(typeof form.kind === 'string' ? form.kind : '');
    if (kind === 'click') throw new ActionError('invalid', 'feedback from a page must be like, dislike or offtopic');
    const interestId = optionalId(form.interest, 'interest');
    const { verdict, undone } = await toggleFeedback(deps.actions, user, postId, kind, interestId);
    // Dislike and off-topic hide the post from the feed (rank stage); a like keeps it, and so does an undo.
    const hidden = verdict === 'dislike' || verdict === 'offtopic';
    if (wantsJson(c)) return c.json({ postId, kind, interestId: interestId ?? null, verdict: verdict ?? null, undone, read: true, hidden });
    return c.redirect(safeBack(form.back), 303);
  });

  app.post('/posts/:id/read', async (c) => {
    const { user } = reader(c, deps);
    const postId = postIdParam(c);
    const form = await c.req.parseBody();
    if (form.read !== '1' && form.read !== '0') throw new ActionError('invalid', 'read must be 1 or 0');
    if (!(await store.postById(postId))) throw new ActionError('not_found', `no post with id ${postId}`);
    await store.setRead(user.id, [postId], form.read === '1');
    if (wantsJson(c)) return c.json({ postId, read: form.read === '1' });
    return c.redirect(safeBack(form.back), 303);
  });

  // "Mark these read": the posts a feed page showed (unknown ids are ignored, as a page may be stale).
  app.post('/posts/read', async (c) => {
    const { user } = reader(c, deps);
    const form = await c.req.parseBody({ all: true });
    const raw = form.id === undefined ? [] : Array.isArray(form.id) ? form.id : [form.id];
    const ids = raw.map((v) => optionalId(v, 'id')).filter((id): id is number => id !== undefined);
    if (ids.length === 0) throw new ActionError('invalid', 'no post to mark read');
    if (ids.length > 500) throw new ActionError('invalid', 'at most 500 posts at once');
    await store.setRead(user.id, ids, true);
    if (wantsJson(c)) return c.json({ read: ids.length });
    return c.redirect(safeBack(form.back), 303);
  });
  return app;
}

export function postIdParam(c: Context): number {
  const raw = c.req.param('id') ?? '';
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id)) throw new ActionError('not_found', `no post with id ${raw}`);
  return id;
}

function optionalId(value: unknown, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw new ActionError('invalid', `${field} must be a number`);
  return Number(value);
}

