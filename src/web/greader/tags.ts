// tag/list and edit-tag. Tags are the starred state, one label per interest (type "tag") and one per
// folder (type "folder"). edit-tag sets states on items: read / kept-unread, starred (a star is also a
// like — Sluice learns from it; unstarring withdraws that like, unless a different verdict was given
// since), like (r= withdraws it); and a=user/-/label/INTEREST says the item belongs to that interest (a like for it),
// r=user/-/label/INTEREST that it does not (off-topic for it).
import type { Context } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import { giveFeedback, withdrawFeedback } from '../../actions/feedback.ts';
import type { FeedbackKind, StoredInterest, User } from '../../store/store.ts';
import { signedInUser } from '../auth/context.ts';
import { checkActionToken, type GreaderEnv } from './auth.ts';
import { badRequest } from './errors.ts';
import { labelStreamId, parseStreamId, stateStreamId } from './ids.ts';
import { itemIdParams, type RequestParams } from './params.ts';
import { labelTarget } from './targets.ts';
import { visiblePosts } from './visibility.ts';

export async function listTags(ctx: ActionContext, c: Context<GreaderEnv>): Promise<Response> {
  const user = signedInUser(c);
  const [interests, subs] = await Promise.all([ctx.store.interests(user.id), ctx.store.subscriptions(user.id)]);
  const names = new Set(interests.map((i) => i.name.toLowerCase()));
  const folders = [...new Set(subs.map((s) => s.category).filter((c): c is string => !!c && !names.has(c.toLowerCase())))];
  return c.json({
    tags: [
      { id: stateStreamId('starred') },
      ...interests.map((i) => ({ id: labelStreamId(i.name), label: i.name, type: 'tag' })),
      ...folders.map((name) => ({ id: labelStreamId(name), label: name, type: 'folder' })),
    ],
  });
}

/** One change edit-tag makes to each item. */
type TagChange =
  | { kind: 'read'; read: boolean }
  | { kind: 'starred'; starred: boolean }
  | { kind: 'feedback'; feedback: FeedbackKind; interest?: StoredInterest }
  /** r=…/like: the like (about no interest) is withdrawn, if it stands. */
  | { kind: 'unlike' };

export async function editTags(ctx: ActionContext, c: Context<GreaderEnv>, params: RequestParams): Promise<Response> {
  checkActionToken(c, params.get('T'));
  const user = signedInUser(c);
  const changes: TagChange[] = [];
  for (const tag of params.all('a').filter(Boolean)) changes.push(await tagChange(ctx, user, tag, true));
  for (const tag of params.all('r').filter(Boolean)) changes.push(await tagChange(ctx, user, tag, false));
  if (changes.length === 0) throw badRequest('edit-tag needs a tag to add (a=…) or remove (r=…)');
  const ids = itemIdParams(params);
  if (ids.length === 0) throw badRequest('edit-tag needs the items (i=…)');
  // Ids the caller cannot see are skipped as unknown ones are: the answer does not tell them apart.
  const postIds = (await visiblePosts(ctx, user, ids, await ctx.store.subscriptions(user.id))).map((p) => p.id);
  if (postIds.length === 0) return c.text('OK');
  for (const change of changes) {
    if (change.kind === 'read') await ctx.store.setRead(user.id, postIds, change.read);
    else if (change.kind === 'starred') {
      await ctx.store.setStarred(user.id, postIds, change.starred);
      for (const id of postIds) {
        if (change.starred) await giveFeedback(ctx, user, id, 'like');
        else await withdrawFeedback(ctx, user, id, undefined, 'like');
      }
    } else if (change.kind === 'unlike') {
      for (const id of postIds) await withdrawFeedback(ctx, user, id, undefined, 'like');
    } else for (const id of postIds) await giveFeedback(ctx, user, id, change.feedback, change.interest?.id);
  }
  return c.text('OK');
}

async function tagChange(ctx: ActionContext, user: User, tag: string, add: boolean): Promise<TagChange> {
  const ref = parseStreamId(tag, user);
  if (ref.kind === 'label') {
    const target = await labelTarget(ctx, user, ref.name);
    if (target.kind !== 'interest') throw badRequest(`items are tagged with interests; "${ref.name}" is a folder`);
    return { kind: 'feedback', feedback: add ? 'like' : 'offtopic', interest: target.interest };
  }
  if (ref.kind === 'state') {
    if (ref.state === 'read') return { kind: 'read', read: add };
    if (ref.state === 'kept-unread' && add) return { kind: 'read', read: false };
    if (ref.state === 'starred') return { kind: 'starred', starred: add };
    if (ref.state === 'like') return add ? { kind: 'feedback', feedback: 'like' } : { kind: 'unlike' };
  }
  throw badRequest(`cannot ${add ? 'add' : 'remove'} the tag "${tag}" (read, kept-unread, starred, like and interest labels can be set)`);
}
