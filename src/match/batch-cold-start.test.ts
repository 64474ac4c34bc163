// Cold start (issue #3 item 8): a small batch scored on an empty instance, calibrated by the shipped
// background and the batch itself. A batch that is all about one topic, the posts a user tries an
// interest on with `sluice score`, must match it: its own statistics are the topic's, not those of
// the off-topic posts (score/calibration.ts anchoredNull). A mixed small batch must not start
// matching off-topic posts. The BBC News cases are skipped without ../shared/corpora.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BuiltinEmbedder } from '../embed/builtin.ts';
import { gloveBackground } from '../embed/glove/background.ts';
import { scoreBatch, type BatchOptions, type PostInput } from './batch.ts';
import type { Interest } from './interest/interest.ts';
import { tableBackground } from './score/background-frequency.ts';

const embedder = new BuiltinEmbedder();
const emptyInstance: BatchOptions = { background: gloveBackground(), backgroundFrequency: tableBackground(embedder.table) };
const matchedBy = (results: { id: string; matched: string[] }[], name: string): string[] => results.filter((r) => r.matched.includes(name)).map((r) => r.id);

/** Sixteen posts about baking, written for this test (none mentions all four keywords). */
const baking: PostInput[] = [
  { id: "k1", title: "Rye bread at home", text: "Mix rye flour with water and salt, let the dough rise overnight and bake the bread in a hot oven until the crust is dark." },
  { id: "k2", title: "Chocolate cake for a birthday", text: "A moist chocolate cake: butter, sugar, eggs and flour, baked for forty minutes and covered with ganache once it has cooled." },
  { id: "k3", title: "Why my sourdough came out flat", text: "The starter was sluggish after a week in the fridge, so the loaf barely rose. Feed it twice before you mix the dough." },
  { id: "k4", title: "Scones in twenty minutes", text: "Rub cold butter into self-raising flour, add milk, cut thick rounds and bake them high in the oven until golden." },
  { id: "k5", title: "A lemon drizzle that stays moist", text: "Pour the lemon syrup over the sponge while it is still warm from the tin, and let the sugar set into a crisp top." },
  { id: "k6", title: "Kneading by hand or by machine", text: "Ten minutes of kneading develops the gluten; a stand mixer with a dough hook does it in six. The bread rises better either way." },
  { id: "k7", title: "Focaccia with rosemary", text: "A wet dough, plenty of olive oil in the tray, dimples pressed with your fingers, rosemary and sea salt, baked at 230 degrees." },
  { id: "k8", title: "Choosing a flour for pizza", text: "Strong white flour with twelve per cent protein gives a chewy base; Italian 00 flour gives a softer crust in a very hot oven." },
  { id: "k9", title: "Victoria sponge, the classic way", text: "Weigh the eggs and use the same weight of butter, sugar and flour. Sandwich the two cakes with jam and cream." },
  { id: "k10", title: "Banana bread with brown butter", text: "Brown the butter first for a nutty flavour, mash three ripe bananas and bake the loaf for an hour in a moderate oven." },
  { id: "k11", title: "Croissants over a weekend", text: "Laminating the dough takes three folds with chilled butter and long rests in the fridge; bake the croissants until deep brown." },
  { id: "k12", title: "Gluten-free brownies", text: "Ground almonds replace the wheat flour; melted dark chocolate, eggs and sugar make a fudgy brownie with a crackled top." },
  { id: "k13", title: "Proving dough in a cold kitchen", text: "In winter the dough needs longer: put the bowl in the oven with only the light on, and the bread will rise in two hours." },
  { id: "k14", title: "Carrot cake with cream cheese icing", text: "Grated carrot, walnuts, cinnamon and brown sugar; the cake keeps for days once iced with cream cheese and butter." },
  { id: "k15", title: "Baguettes in a home oven", text: "Shape the baguettes tightly, score them with a razor and put a tray of boiling water in the oven for steam and a crisp crust." },
  { id: "k16", title: "Shortbread fingers", text: "Three parts flour, two parts butter, one part sugar: press into a tin, prick with a fork and bake slowly until pale gold." },
];
const bakingInterest: Interest = { name: 'Baking', keywords: ['bread', 'cake', 'oven', 'flour'] };

test('cold start: a batch that is all about baking matches Baking (was 0 of 16, every score under 1.5)', async () => {
  const results = await scoreBatch(baking, [bakingInterest], embedder, emptyInstance);
  const matched = matchedBy(results, 'Baking');
  assert.ok(matched.length >= 12, `${matched.length} of 16 matched: ${results.map((r) => `${r.id} ${r.scores.Baking}`).join(', ')}`);
});

test('cold start: the baking posts among the obvious cases do not make the other posts match Baking', async () => {
  const cases = JSON.parse(readFileSync(new URL('../../eval/obvious-cases.json', import.meta.url), 'utf8')) as
    { interests: Interest[]; posts: (PostInput & { matches: string[]; never: string[] })[] };
  const results = await scoreBatch([...baking, ...cases.posts], cases.interests, embedder, emptyInstance);
  const byId = new Map(results.map((r) => [r.id, r]));
  const failures: string[] = [];
  for (const c of cases.posts) {
    const r = byId.get(c.id)!;
    for (const name of c.matches) if (!r.matched.includes(name)) failures.push(`${c.id} should match "${name}" (score ${r.scores[name]})`);
    for (const name of c.never) if (r.matched.includes(name)) failures.push(`${c.id} must not match "${name}" (score ${r.scores[name]})`);
    if (!c.matches.includes('Baking') && r.matched.includes('Baking')) failures.push(`${c.id} is not about baking (score ${r.scores.Baking})`);
  }
  assert.deepEqual(failures, []);
  assert.ok(baking.filter((p) => byId.get(p.id)!.matched.includes('Baking')).length >= 12);
});

const corpus = new URL('../../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const skip = existsSync(corpus) ? false : `${corpus} not found (shared corpora absent)`;

interface Labelled extends PostInput {
  label: string;
}

/** BBC sport posts about football: two or more club or league words, no other sport named. */
function footballPosts(posts: readonly Labelled[], count: number): Labelled[] {
  const clubs = /\b(Arsenal|Chelsea|Manchester United|Liverpool|Premiership|striker|Everton|Newcastle|Tottenham|FA Cup|Uefa|midfielder)\b/g;
  return posts.filter((p) => p.label === 'sport' && (`${p.title} ${p.text}`.match(clubs) ?? []).length >= 2 &&
    !/\b(rugby|cricket|tennis|athletics|marathon)\b/i.test(`${p.title} ${p.text}`)).slice(0, count);
}
const football: Interest = { name: 'Football', keywords: ['football', 'premier league', 'goal', 'striker'] };

test('cold start, BBC News: 20 football articles match Football on an empty instance (was 0 of 20)', { skip }, async () => {
  const posts = readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Labelled);
  const batch = footballPosts(posts, 20);
  const matched = matchedBy(await scoreBatch(batch, [football], embedder, emptyInstance), 'Football');
  assert.ok(matched.length >= 18, `${matched.length} of 20 matched`);
  // Among 80 posts of the other four topics, the same 20 still match, and the others do not.
  const others = posts.filter((p) => p.label !== 'sport').filter((_, k) => k % 20 === 0).slice(0, 80);
  const mixed = matchedBy(await scoreBatch([...batch, ...others], [football], embedder, emptyInstance), 'Football');
  const wrong = mixed.filter((id) => !batch.some((p) => p.id === id));
  assert.ok(mixed.length - wrong.length >= 17, `${mixed.length - wrong.length} of 20 matched in the mixed batch`);
  assert.ok(wrong.length <= 1, `off-topic posts matched: ${wrong.join(', ')}`);
});
