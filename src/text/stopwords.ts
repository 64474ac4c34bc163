// The English stoplist: function words that must never become an interest's keyword or
// lexical term. They carry no topic, they occur in nearly every post (so scanning their
// postings is what makes a standing-query index slow, see DESIGN.md), and a phrase such as
// "the cloud" should score on "cloud". Frequent *content* words are a different problem,
// handled by an IDF floor over the corpus, not by growing this list.
//
// Base: Snowball's English stop list (the one its stemmer documentation ships), plus the
// modal and connective words it leaves out (can, will, may, also, …). Forms are as the
// tokenizer emits them: lower case, ASCII apostrophes.
// The embedders do not use this list: SIF weighting already gives such words a weight near 0.

const WORDS = `
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves what which who whom this
that these those am is are was were be been being have has had having do does did doing would
should could ought i'm you're he's she's it's we're they're i've you've we've they've i'd you'd
he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't wasn't weren't
hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot
couldn't mustn't let's that's who's what's here's there's when's where's why's how's a an the
and but if or because as until while of at by for with about against between into through
during before after above below to from up down in out on off over under again further then
once here there when where why how all any both each few more most other some such no nor not
only own same so than too very
can will just also may might must shall yet whether within without upon via onto per whose
`;

/** Every stopword, lower case. */
export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w !== ''));

/** True for an English function word (as the tokenizer emits it: lower case). */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
