// Where the shared test corpora live and which of their files are feeds to parse. The corpora are data
// from other projects, kept outside the repository (`<repo>/../shared/corpora`); callers skip when absent.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const corporaRoot = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));

export interface CorpusFile {
  /** The corpus folder it came from, e.g. `feedjira-samples`. */
  corpus: string;
  /** Absolute path. */
  path: string;
  /** Path relative to the corpora root, for messages. */
  name: string;
}

/** Real-world feeds saved from the web: feedjira's samples, rss-parser's inputs, feed-rs's fixtures. */
export const realFeedCorpora = ['feedjira-samples', 'rss-parser/test/input', 'feed-rs/feed-rs/fixture'];

/** Thousands of small valid and invalid feeds (and some non-feeds: OPML, HTML, .htaccess). */
export const feedvalidatorCorpus = 'feedvalidator/testcases';

/** Undefined when every named corpus is present, else a message saying which are missing and where. */
export function missingCorpora(corpora: string[]): string | undefined {
  const missing = corpora.filter((c) => !existsSync(join(corporaRoot, c)));
  return missing.length ? `corpora not found under ${corporaRoot}: ${missing.join(', ')}` : undefined;
}

/** Every file of the named corpora, minus what is not a document to parse (licences, notes, snapshots). */
export function corpusFiles(corpora: string[]): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const corpus of corpora) {
    for (const path of walk(join(corporaRoot, corpus))) {
      if (isNotADocument(path)) continue;
      files.push({ corpus, path, name: relative(corporaRoot, path) });
    }
  }
  return files;
}

function isNotADocument(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return (
    base.startsWith('LICENSE') ||
    base.startsWith('README') ||
    base.endsWith('.txt') ||
    base.endsWith('.serde.json') // feed-rs's snapshots of its own parse result
  );
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
