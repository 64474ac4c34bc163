// Post vectors are computed once per embedder and kept in the store; whoever needs them (the ranked
// feed, the background job after a refresh) gets the stored ones and embeds only what is missing.
import type { Embedder } from '../embed/embedder.ts';
import type { Store, StoredPost } from '../store/store.ts';

/** Vectors of the posts under this embedder: from the store, embedding (and storing) the missing ones. */
export async function postVectors(store: Store, embedder: Embedder, posts: readonly StoredPost[]): Promise<Map<number, Float32Array>> {
  const vectors = await store.postVectors(embedder.id, posts.map((p) => p.id));
  const missing = posts.filter((p) => !vectors.has(p.id));
  if (missing.length) {
    const fresh = await embedder.embed(missing.map((p) => `${p.title}\n${p.text}`));
    const computed = new Map(missing.map((p, i) => [p.id, fresh[i]]));
    await store.savePostVectors(embedder.id, computed);
    for (const [id, v] of computed) vectors.set(id, v);
  }
  return vectors;
}

/** After a refresh: embed the recent posts that have no vector yet, so the next ranking need not wait. */
export async function embedRecentPosts(store: Store, embedder: Embedder, since: Date, limit = 2000): Promise<number> {
  const posts = await store.posts({ since, limit });
  const before = (await store.postVectors(embedder.id, posts.map((p) => p.id))).size;
  await postVectors(store, embedder, posts);
  return posts.length - before;
}
