// `npm run eval`: matching quality on a labelled corpus (default: BBC News, 2,225 articles,
// 5 topics) with the interests of eval/bbc-interests.json (name + 8 keywords, fixed before
// any tuning). A measurement, not a test: see src/match/quality.test.ts for the guard.
//   node tools/eval.ts [CORPUS.jsonl] [INTERESTS.json]
import { existsSync } from 'node:fs';
import { evaluate, formatReport, loadLabelled } from '../eval/run.ts';

const corpusPath = process.argv[2] ?? new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const interestsPath = process.argv[3] ?? new URL('../eval/bbc-interests.json', import.meta.url).pathname;
if (!existsSync(corpusPath)) {
  console.log(`eval: ${corpusPath} not found (the shared corpora are not here); nothing to measure`);
  process.exit(0);
}
const { posts, interests } = loadLabelled(corpusPath, interestsPath);
const report = await evaluate(posts, interests, { log: (line) => console.error(line) });
console.log(formatReport(report));
