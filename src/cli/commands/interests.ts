// `sluice interests add|list|show|remove`: what the user wants to read.
import { describedInterestJson, describeInterest, interestJson } from '../../actions/interests.ts';
import { BuiltinEmbedder } from '../../embed/builtin.ts';
import { describeOwner } from '../../jobs/scoring-lease.ts';
import { commandScoring, scoreInCommand } from '../../jobs/scoring.ts';
import { storedStreamStatistics } from '../../jobs/stream-statistics.ts';
import { compileInterest } from '../../match/interest/compile.ts';
import type { RefusedTerm } from '../../match/interest/interest.ts';
import { parseKeywordList, shownName, validateInterest } from '../../match/interest/validate.ts';
import { actionContext, parseCommandArgs, subcommands, UsageError, type CommandContext } from '../context.ts';
import { formatTable } from '../table.ts';

export const interestsCommand = subcommands('interests', { add, list, show, remove });

/** Terms listed by `interests show` without --json after feedback (before: all of them). */
const SHOWN_TERMS = 40;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A word not used, and why, in words. */
const refusal = (r: RefusedTerm): string => `${r.text} (${r.reason === 'idf-floor' ? 'too common in the posts here' : r.reason === 'stoplist' ? 'stoplist' : 'nothing to match'})`;

function oneName(positionals: string[], command: string): string {
  if (positionals.length === 0) throw new UsageError(`interests ${command} needs a NAME`);
  // Names may be several words: accept them quoted or not.
  return positionals.join(' ');
}

async function add(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { keywords: { type: 'string' }, description: { type: 'string' } });
  // Given but empty (--keywords "", an unset shell variable): a mistake, not "match on the name".
  if (values.keywords !== undefined && parseKeywordList(values.keywords).length === 0) {
    throw new UsageError('--keywords has no keyword: give words or phrases separated by commas ("F1, grand prix"), or leave it out to match on the name alone');
  }
  const interest = validateInterest({
    name: oneName(positionals, 'add'),
    description: values.description,
    keywords: parseKeywordList(values.keywords ?? ''),
  });
  // Compiling first refuses an interest with nothing to match on before it is stored — with the
  // stream's document frequencies, as the matcher will: words in most posts here are not used.
  const compiled = await compileInterest(interest, new BuiltinEmbedder(), { stats: await storedStreamStatistics(ctx.store) });
  if (compiled.terms.length === 0) {
    throw new Error(`interest "${interest.name}" has no word to match on (only common words); add keywords with --keywords`);
  }
  const stored = await ctx.store.addInterest(ctx.user.id, interest);
  // Back-scored on the last 30 days now, so the next "sluice feed" shows its posts: starting the
  // service does it (an interest without a saved calibration is back-scored at start). Beside a
  // running server, the server does it (one scoring service per data directory).
  const scored = await scoreInCommand(ctx.store, commandScoring(ctx), async () => {});
  ctx.out.write(
    `Added interest "${stored.name}" (${plural(compiled.terms.length, 'term')}` +
      (compiled.refused.length ? `; not used: ${compiled.refused.slice(0, 5).map(refusal).join(', ')}${compiled.refused.length > 5 ? ` and ${compiled.refused.length - 5} more` : ''}` : '') +
      `). See its terms with: sluice interests show "${stored.name}"\n`,
  );
  if ('server' in scored) ctx.err.write(`sluice: ${describeOwner(scored.server)} scores this data directory; it will back-score "${stored.name}" within seconds\n`);
  return 0;
}

async function list(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`interests list takes no arguments (got "${positionals[0]}")`);
  const interests = await ctx.store.interests(ctx.user.id);
  if (values.json) {
    ctx.out.write(JSON.stringify(interests.map(interestJson), null, 2) + '\n');
    return 0;
  }
  if (interests.length === 0) {
    ctx.out.write('No interests yet. Add one with: sluice interests add "Formula One" --keywords "F1, grand prix"\n');
    return 0;
  }
  ctx.out.write(formatTable(['ID', 'NAME', 'KEYWORDS'], interests.map((i) => [String(i.id), i.name, i.keywords.join(', ')]), 80));
  return 0;
}

async function show(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  const name = oneName(positionals, 'show');
  const stored = await ctx.store.interestByName(ctx.user.id, name);
  if (!stored) throw new Error(`you have no interest named "${shownName(name)}" (see "sluice interests list")`);
  // Suggested keywords: similar words (embedding neighbourhood) and words of the posts it matches.
  const described = await describeInterest(stored, actionContext(ctx));
  const { compiled, neighbourhood, corpus, learned } = described;
  if (values.json) {
    const json = { ...describedInterestJson(stored, described), suggestedFrom: { embedding: neighbourhood, corpus } };
    ctx.out.write(JSON.stringify(json, null, 2) + '\n');
    return 0;
  }
  ctx.out.write(`${stored.name}\n${stored.description ? stored.description + '\n' : ''}keywords: ${stored.keywords.join(', ') || '(none)'}\n`);
  if (learned) {
    const { liked, disliked, offTopic, implicit = 0 } = learned.feedback;
    const sure = implicit ? ` and ${plural(implicit, 'post')} it is sure of (self-training)` : '';
    ctx.out.write(
      `learned from feedback (${plural(liked, 'like')}, ${plural(disliked, 'dislike')}, ${offTopic} off-topic)${sure}: threshold ${learned.threshold.toFixed(2)}; ` +
        `the terms below are the ones it matches with now\n`,
    );
  }
  ctx.out.write('\n');
  // Every term the user's words made; feedback can add hundreds more: the strongest of those here,
  // all of them with --json.
  const shown = learned ? compiled.terms.slice(0, SHOWN_TERMS) : compiled.terms;
  ctx.out.write(formatTable(['TERM', 'MATCHES', 'WEIGHT', 'FROM'], shown.map((t) => [t.text, t.term, t.weight.toFixed(learned ? 3 : 2), t.source])));
  if (compiled.terms.length > shown.length) {
    ctx.out.write(`… and ${compiled.terms.length - shown.length} more (all of them: sluice interests show "${stored.name}" --json)\n`);
  }
  if (compiled.refused.length) {
    ctx.out.write(`\nNot used: ${compiled.refused.map(refusal).join(', ')}\n`);
  }
  if (neighbourhood.length) ctx.out.write(`\nSuggested keywords (similar words): ${neighbourhood.join(', ')}\n`);
  if (corpus.length) ctx.out.write(`Suggested keywords (in the posts it matches): ${corpus.join(', ')}\n`);
  return 0;
}

async function remove(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  const name = oneName(positionals, 'remove');
  const stored = await ctx.store.interestByName(ctx.user.id, name);
  if (!stored || !(await ctx.store.removeInterest(ctx.user.id, stored.id))) throw new Error(`you have no interest named "${shownName(name)}" (see "sluice interests list")`);
  ctx.out.write(`Removed interest "${stored.name}".\n`);
  return 0;
}
