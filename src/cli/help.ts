// What `sluice --help` and `sluice COMMAND --help` (or `sluice help COMMAND`) print: the overview,
// and for each command every option it takes, with what it does. Printed without opening the data
// directory, so asking for help never creates one.

export const USAGE = `Usage: sluice [--data DIR] [--database URL] [--user NAME] COMMAND [options]

Commands:
  serve                          run the web server and background refresh (default http://127.0.0.1:8080)
  feeds add URL [--full-text] [--category NAME]
                                 subscribe to a feed, or to the feed a web page links
  feeds import FILE.opml         subscribe to every feed of an OPML file
  feeds export                   print subscriptions as OPML
  feeds list [--json]            subscriptions with their health
  feeds remove ID                unsubscribe
  interests add NAME [--keywords "a, b"] [--description TEXT]
                                 add an interest (keywords: words or phrases, comma-separated)
  interests list [--json]        your interests
  interests show NAME [--json]   an interest's terms with their weights and where they came from
  interests remove NAME          delete an interest
  feed [--interest NAME] [--limit N] [--offset N] [--half-life HOURS] [--include-hidden] [--json]
                                 your feed ranked by relevance to your interests
  feedback POST_ID like|dislike|offtopic|undo [--interest NAME]
                                 tell Sluice what a post was worth; the next ranking learns from it
  refresh [--all] [--json]       fetch due feeds now (--all: every feed)
  posts list [--feed ID] [--limit N] [--json]
                                 newest posts
  score --posts FILE.jsonl --interests FILE.json [--json]
                                 score posts against interests without storing (try an interest)
  settings [own-feeds-only on|off] [--json]
                                 your settings: rank only your own subscriptions, or the instance's shared pool
  users add NAME --password-stdin
                                 add an account (the first one takes over the local user's data)
  users list [--json]            accounts
  users remove NAME              delete an account and everything that is theirs
  users password NAME --password-stdin
                                 set a new password (signs the user out everywhere)
  users token add NAME TOKEN_NAME
                                 create an API token (printed once)
  users token list NAME [--json] / users token revoke NAME TOKEN_NAME

Global options:
  --data DIR        data directory (default ./data; env SLUICE_DATA_DIR)
  --database URL    database: a SQLite file path (default DIR/sluice.db; env SLUICE_DATABASE_URL)
  --user NAME       act as this user (default: the first account)
  -h, --help        this help; "sluice COMMAND --help" for one command's options
`;

const HELP: Record<string, string> = {
  serve: `Usage: sluice serve [--port N] [--host H]

Runs the web server (reader, REST API, Google Reader API, output feeds, /metrics) and the background
refresh and scoring of this data directory.

  --port N    port to listen on (default 8080; env SLUICE_PORT)
  --host H    address to listen on (default 127.0.0.1; env SLUICE_HOST)
`,
  feeds: `Usage: sluice feeds add URL [--full-text] [--category NAME]
       sluice feeds import FILE.opml
       sluice feeds export
       sluice feeds list [--json]
       sluice feeds remove ID

  add URL          subscribe to a feed URL, or to the feed a web page links; fetches it at once
    --full-text    fetch each linked article and extract its text (for summary-only feeds)
    --category N   file the subscription under category N
  import FILE      subscribe to every feed of an OPML file (folders become categories)
  export           subscriptions as OPML on stdout
  list             subscriptions with their health: status, last fetch, next fetch, last error
    --json         as JSON objects (id, url, title, status, lastError, lastFetchAt, nextFetchAt, ...)
  remove ID        unsubscribe from feed ID (see "sluice feeds list")
`,
  interests: `Usage: sluice interests add NAME [--keywords "a, b, c"] [--description TEXT]
       sluice interests list [--json]
       sluice interests show NAME [--json]
       sluice interests remove NAME

  add NAME           add an interest; NAME may be several words (quoted or not)
    --keywords LIST  words or phrases, comma-separated: "F1, grand prix, pit stop" (left out:
                     the name's and description's words alone)
    --description T  a sentence about it; its content words count too
  list               your interests
    --json           as JSON objects (id, name, description, keywords, createdAt, updatedAt)
  show NAME          the "Advanced" view: every term with its weight and where it came from
                     (keyword, name, description, learned from feedback), the words not used and
                     why, and suggested keywords (similar words, words of the posts it matches)
    --json           the same as one JSON object
  remove NAME        delete the interest (its matches and learned state go with it)

Names are matched without regard to case. Try an interest before adding it with "sluice score".
`,
  feed: `Usage: sluice feed [--interest NAME] [--limit N] [--offset N] [--half-life HOURS] [--include-hidden] [--json]

Your feed ranked by relevance: recent posts (30 days) scored against your interests, fresher first
among equals, no long runs from one source, near-duplicates folded ("also in ..."), off-topic posts
hidden.

  --interest NAME    only this interest's posts
  --limit N          how many items (default 30)
  --offset N         skip the first N items (default 0)
  --half-life HOURS  freshness: a post's ranking weight halves every HOURS of age (default 36;
                     "off": rank by score alone)
  --include-hidden   also list hidden items: the ones your feedback hid and the near misses
                     (posts sharing a word with the interest, within 1 under its threshold)
  --json             as JSON objects (id, url, title, source, published, interest, score, hidden,
                     breakdown, terms, ...)

Scores are standard deviations above the interest's typical off-topic post; an item is hidden below
its interest's threshold (3 until feedback moves it).
`,
  feedback: `Usage: sluice feedback POST_ID like|dislike|offtopic|undo [--interest NAME]

Tells Sluice what a post was worth (POST_ID: from "sluice feed" or "sluice posts list"). Stored per
user; the next ranking shows the effect.

  like       more like this: the interest learns from it, the post stays visible
  dislike    hide this story everywhere
  offtopic   this post does not belong to the interest: hidden there, and the interest learns
  undo       withdraw your verdict on the post (the one about --interest NAME, or the one without);
             the interest learns again from the rest
  --interest NAME   the interest the verdict is about (without it: about the post, for every
                    interest; only a verdict about an interest teaches it)
`,
  refresh: `Usage: sluice refresh [--all] [--json]

Fetches the feeds that are due now and scores their new posts.

  --all    every feed, due or not
  --json   the summary as JSON (feeds, fetched, notModified, failed, newPosts, ...)
`,
  posts: `Usage: sluice posts list [--feed ID] [--limit N] [--json]

The newest posts, across feeds or of one feed.

  --feed ID    only posts of feed ID (see "sluice feeds list")
  --limit N    how many (default 20)
  --json       as JSON objects (id, url, title, feed, published, content, ...)
`,
  score: `Usage: sluice score --posts FILE.jsonl --interests FILE.json [--json] [--corpus N]

Scores a batch of posts against interests without storing anything: the way to try an interest
before adding it.

  --posts FILE       one JSON object per line: {"id": ..., "title": "...", "text": "..."}
  --interests FILE   a JSON array: [{"name": "...", "keywords": ["...", ...], "description": "..."}]
  --json             a JSON array, one object per post:
                     {"id", "scores": {NAME: number, ...}, "matched": [NAME, ...], "best": NAME|null, "breakdown"}
  --corpus N         calibrate with at most N stored posts (default 2000)

Scores are standard deviations above each interest's typical off-topic post; "matched" lists the
interests whose threshold the post reaches (each interest's own: at least 3, raised towards half its
typical match); "best" is the interest with the highest evidence (breakdown[NAME].evidence, the
post's own and its nearest posts'; the score spreads it further), null for a post with nothing to
score (no words, or none the built-in embedder knows, which is English, and none an interest holds).
Calibrated on the batch, the stored posts (if any) and the built-in embedder's shipped background,
so a small batch on an empty data directory scores sensibly. Always uses the built-in embedder. A
post with nothing to score is listed (best null) and named on stderr; a line that is not a post
stops the command with its line number, as the batch is calibrated as a whole.
`,
  settings: `Usage: sluice settings [own-feeds-only on|off] [--json]

Shows your settings, or changes one.

  own-feeds-only on|off   rank only posts of your own subscriptions (on), or of every feed on the
                          instance, the shared pool (off, the default)
  --json                  as a JSON object
`,
  users: `Usage: sluice users add NAME --password-stdin
       sluice users list [--json]
       sluice users remove NAME
       sluice users password NAME --password-stdin
       sluice users token add NAME TOKEN_NAME
       sluice users token list NAME [--json]
       sluice users token revoke NAME TOKEN_NAME

  add NAME            create an account (the first one takes over the local user's feeds and interests)
  --password-stdin    read the password from standard input
  list                accounts (--json: as JSON)
  remove NAME         delete an account and everything that is theirs
  password NAME       set a new password (signs the user out everywhere)
  token add|list|revoke   per-user API tokens (shown once) for the REST and Google Reader APIs
`,
};

/** The help for one command, or undefined when there is no such command. */
export function commandHelp(name: string): string | undefined {
  return Object.hasOwn(HELP, name) ? HELP[name] : undefined;
}
