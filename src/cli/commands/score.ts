// `sluice score --posts FILE.jsonl --interests FILE.json [--json]`: scores a batch of posts
// against interests without storing anything — the way to try an interest before adding it,
// and what the evaluation runs. Calibrates from the batch itself, the stored posts (if any)
// and the built-in embedder's shipped background (so a small batch on an empty instance works).
//
// Scores are "standard deviations above the interest's typical off-topic post"; `matched` lists
// the interests whose threshold the post reaches, `best` the interest with the highest evidence
// (`breakdown[…].evidence`; match/batch.ts says why it is not always the highest score).

import { readFile } from 'node:fs/promises';
import { BuiltinEmbedder } from '../../embed/builtin.ts';
import { gloveBackground } from '../../embed/glove/background.ts';
import { analyzePosts, scoreBatch, type AnalyzedPost } from '../../match/batch.ts';
import { parseInterests, parsePostLines } from '../../match/batch-input.ts';
import { InterestError, type Interest } from '../../match/interest/interest.ts';
import { validateInterest } from '../../match/interest/validate.ts';
import { tableBackground } from '../../match/score/background-frequency.ts';
import { parseCommandArgs, positiveInt, UsageError, type CommandContext } from '../context.ts';
import { formatTable } from '../table.ts';

/** Stored posts read for calibration: as many as the shipped background stands for. */
const CORPUS_LIMIT = 2000;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

async function readInput(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new Error(`cannot read ${what} file ${path}: ${why}`, { cause: err });
  }
}

/** The limits `interests add` keeps (a name of at most 200 characters, 500 keywords ...): a preview
 *  takes what could be added, and a huge interest gets a short message, not its text back. */
function withinLimits(interests: Interest[], file: string): Interest[] {
  for (const interest of interests) {
    try {
      validateInterest(interest); // checked only: the output keeps the names as the file writes them
    } catch (err) {
      if (err instanceof InterestError) throw new Error(`${file}: ${err.message}`, { cause: err });
      throw err;
    }
  }
  return interests;
}

export async function scoreCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    posts: { type: 'string' },
    interests: { type: 'string' },
    json: { type: 'boolean' },
    corpus: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`score takes no arguments (got "${positionals[0]}")`);
  if (!values.posts) throw new UsageError('score needs --posts FILE.jsonl');
  if (!values.interests) throw new UsageError('score needs --interests FILE.json');
  const posts = parsePostLines(await readInput(values.posts, 'posts'), values.posts);
  const interests = withinLimits(parseInterests(await readInput(values.interests, 'interests'), values.interests), values.interests);

  // The shipped background that makes a small batch calibrate is the built-in embedder's.
  const configured = process.env.SLUICE_EMBEDDER?.trim().toLowerCase();
  if (configured && configured !== 'builtin') ctx.err.write(`sluice: note: score always uses the built-in embedder (SLUICE_EMBEDDER=${configured} is not used here)\n`);
  const embedder = new BuiltinEmbedder();
  const limit = positiveInt(values.corpus, '--corpus', CORPUS_LIMIT);
  // A batch made of stored posts (posts list --json, say) must not count them twice in calibration.
  const inBatch = new Set(posts.map((p) => `${p.title}\n${p.text}`));
  const stored = (await ctx.store.posts({ limit }))
    .filter((p) => !inBatch.has(`${p.title}\n${p.text}`))
    .map((p) => ({ id: `stored:${p.id}`, title: p.title, text: p.text }));
  const corpus: AnalyzedPost[] = stored.length ? await analyzePosts(stored, embedder) : [];
  const results = await scoreBatch(posts, interests, embedder, {
    corpus,
    background: gloveBackground(),
    backgroundFrequency: tableBackground(embedder.table),
  });

  // Nothing lost: such posts are listed (no best interest, matched by none) and named here.
  const wordless = results.filter((r) => r.best === null).map((r) => r.id);
  if (wordless.length) {
    const shown = wordless.slice(0, 10).map((id) => `"${id}"`).join(', ') + (wordless.length > 10 ? ` and ${wordless.length - 10} more` : '');
    ctx.err.write(`sluice: warning: ${plural(wordless.length, 'post')} with nothing to score (${shown}: no words, or none the built-in embedder knows and none an interest holds): listed with best null, matched by no interest\n`);
  }
  if (values.json) {
    ctx.out.write(JSON.stringify(results.map(({ id, scores, matched, best, breakdown }) => ({ id, scores, matched, best, breakdown })), null, 2) + '\n');
    return 0;
  }
  const names = interests.map((i) => i.name);
  ctx.out.write(
    formatTable(
      ['ID', 'BEST', 'MATCHED', ...names.map((n) => n.toUpperCase())],
      results.map((r) => [r.id, r.best ?? '', r.matched.join(', ') || '—', ...names.map((n) => r.scores[n].toFixed(2))]),
      40,
    ),
  );
  ctx.out.write(`Scores: standard deviations above each interest's typical off-topic post; matched at ≥ its threshold. ` +
    `Calibrated on ${plural(posts.length, 'post')}${corpus.length ? ` + ${corpus.length} stored` : ''} and the built-in background.\n`);
  return 0;
}
