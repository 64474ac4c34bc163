// A batch's candidate pairs grouped by interest row, each row's posts in ascending order: the
// scan's pairs (with their cosines) merged with the inverted index's hits (with ℓ). At 300k
// interests a batch of 256 posts has ~3M candidates over ~300k rows; taken post by post, each
// pair touched its row's calibration block (256 bytes of a 77 MB table) at random — ~10
// cache misses per row per batch, most of the matcher's time. Grouped by row, a row's block is
// read once per batch. Each row still sees its posts in ascending order, so the Welford updates
// run in the same order as post by post (the same numbers to the last bit).
//
// Lexical hits the scan did not report (their cosine is under the kernel floor) are the
// `missing` ones: their cosines are NaN until the caller fills them in (exact scores need the
// post's vector, so they are listed by post).

/** The scan's pairs: post index in the batch, interest row, exact cosine. */
export interface ScannedPairs {
  post: Int32Array;
  interest: Float64Array;
  score: Float32Array;
  length: number;
}

/** The index's hits by post: post j's rows and ℓ at [start[j], start[j + 1]). */
export interface LexicalPairs {
  hitStart: Int32Array;
  hitRow: Int32Array;
  hitScore: Float32Array;
}

export class CandidatePairs {
  /** Row r's candidates are [start[r], start[r + 1]), posts ascending. */
  start = new Int32Array(1);
  post = new Int32Array(0);
  cosine = new Float32Array(0);
  /** ℓ (0: the post shares no term with the interest). */
  lexical = new Float32Array(0);
  length = 0;
  /** Post j's missing pairs (lexical hits without a cosine) are candidates missingIndex[k]
   *  of rows missingRow[k], k in [missingStart[j], missingStart[j + 1]). */
  missingStart = new Int32Array(1);
  missingIndex = new Int32Array(0);
  missingRow = new Int32Array(0);
  /** The lexical hits among the candidates. */
  lexicalHits = 0;
  // Scratch, reused between batches: the two sources grouped by row.
  #denseStart = new Int32Array(1);
  #densePost = new Int32Array(0);
  #denseCosine = new Float32Array(0);
  #lexStart = new Int32Array(1);
  #lexPost = new Int32Array(0);
  #lexScore = new Float32Array(0);

  /** Groups a batch of `posts` posts over rows [0, rows); pairs of rows ≥ rows are dropped, and
   *  with `rowPart`, pairs of rows whose part is not `part` (a scan of one part of the
   *  interests: DenseScorer.split). */
  build(rows: number, posts: number, dense: ScannedPairs, lexical: LexicalPairs, rowPart?: Uint8Array, part = -1): void {
    const hits = lexical.hitStart[posts];
    const denseStart = this.#denseStart = fitInt(this.#denseStart, rows + 1, true);
    const lexStart = this.#lexStart = fitInt(this.#lexStart, rows + 1, true);
    const skip = (row: number) => row >= rows || (rowPart !== undefined && rowPart[row] !== part);
    for (let i = 0; i < dense.length; i++) { const row = dense.interest[i]; if (!skip(row)) denseStart[row + 1]++; }
    for (let i = 0; i < hits; i++) { const row = lexical.hitRow[i]; if (!skip(row)) lexStart[row + 1]++; }
    for (let r = 0; r < rows; r++) { denseStart[r + 1] += denseStart[r]; lexStart[r + 1] += lexStart[r]; }
    const denseCount = denseStart[rows], lexCount = lexStart[rows];
    this.lexicalHits = lexCount;
    const densePost = this.#densePost = fitInt(this.#densePost, denseCount);
    const denseCosine = this.#denseCosine = fitFloat(this.#denseCosine, denseCount);
    const lexPost = this.#lexPost = fitInt(this.#lexPost, lexCount);
    const lexScore = this.#lexScore = fitFloat(this.#lexScore, lexCount);
    // Scatter with the starts as write cursors, then shift them back.
    for (let i = 0; i < dense.length; i++) {
      const row = dense.interest[i];
      if (skip(row)) continue;
      const at = denseStart[row]++;
      densePost[at] = dense.post[i];
      denseCosine[at] = dense.score[i];
    }
    for (let j = 0; j < posts; j++) {
      for (let i = lexical.hitStart[j]; i < lexical.hitStart[j + 1]; i++) {
        const row = lexical.hitRow[i];
        if (skip(row)) continue;
        const at = lexStart[row]++;
        lexPost[at] = j;
        lexScore[at] = lexical.hitScore[i];
      }
    }
    for (let r = rows; r > 0; r--) { denseStart[r] = denseStart[r - 1]; lexStart[r] = lexStart[r - 1]; }
    denseStart[0] = 0; lexStart[0] = 0;
    // Each row's two lists merged, by a call per row (called ~300k times a batch, it is
    // optimised once and stays so; a loop run once per batch fell back to the interpreter
    // whenever it met a path it had not seen).
    const most = denseCount + lexCount;
    this.start = fitInt(this.start, rows + 1);
    this.post = fitInt(this.post, most);
    this.cosine = fitFloat(this.cosine, most);
    this.lexical = fitFloat(this.lexical, most);
    this.missingStart = fitInt(this.missingStart, posts + 1, true);
    let n = 0;
    this.start[0] = 0;
    const start = this.start;
    for (let r = 0; r < rows; r++) {
      // Most rows of a batch have no candidate: no call for them.
      if (denseStart[r] !== denseStart[r + 1] || lexStart[r] !== lexStart[r + 1]) n = this.#mergeRow(r, n, posts);
      start[r + 1] = n;
    }
    const { post, cosine, missingStart } = this;
    this.length = n;
    // The missing pairs by post (counting sort; rows ascending within a post).
    for (let j = 0; j < posts; j++) missingStart[j + 1] += missingStart[j];
    const missing = missingStart[posts];
    const missingIndex = this.missingIndex = fitInt(this.missingIndex, missing);
    const missingRow = this.missingRow = fitInt(this.missingRow, missing);
    for (let r = 0; r < rows; r++) {
      for (let k = start[r]; k < start[r + 1]; k++) {
        if (cosine[k] === cosine[k]) continue; // not NaN: the scan had it
        const at = missingStart[post[k]]++;
        missingIndex[at] = k;
        missingRow[at] = r;
      }
    }
    for (let j = posts; j > 0; j--) missingStart[j] = missingStart[j - 1];
    missingStart[0] = 0;
  }

  /** Row r's scanned and lexical pairs, both in post order, merged from candidate `n` on
   *  (lexical-only ones counted as missing by post); returns the next free candidate. */
  #mergeRow(r: number, n: number, posts: number): number {
    const densePost = this.#densePost, denseCosine = this.#denseCosine, lexPost = this.#lexPost, lexScore = this.#lexScore;
    const post = this.post, cosine = this.cosine, lex = this.lexical, missingStart = this.missingStart;
    const aStart = this.#denseStart[r], aEnd = this.#denseStart[r + 1];
    // The scan reports a row's posts in order within a call, but not across calls (workers,
    // batches over the kernel's limit): put a row that is not in order right.
    for (let k = aStart + 1; k < aEnd; k++) {
      if (densePost[k - 1] < densePost[k]) continue;
      const p = densePost[k], c = denseCosine[k];
      let at = k;
      for (; at > aStart && densePost[at - 1] > p; at--) { densePost[at] = densePost[at - 1]; denseCosine[at] = denseCosine[at - 1]; }
      densePost[at] = p; denseCosine[at] = c;
    }
    let a = aStart, b = this.#lexStart[r];
    const bEnd = this.#lexStart[r + 1];
    while (a < aEnd || b < bEnd) {
      const pa = a < aEnd ? densePost[a] : posts, pb = b < bEnd ? lexPost[b] : posts;
      if (pa <= pb) {
        post[n] = pa; cosine[n] = denseCosine[a++];
        if (pa === pb) lex[n] = lexScore[b++]; else lex[n] = 0;
      } else {
        post[n] = pb; cosine[n] = NaN; lex[n] = lexScore[b++];
        missingStart[pb + 1]++;
      }
      n++;
    }
    return n;
  }
}

/** `a` if it holds `n`, else a larger one (contents not kept); zeroed [0, n) when asked. */
function fitInt(a: Int32Array<ArrayBuffer>, n: number, zero = false): Int32Array<ArrayBuffer> {
  if (a.length < n) return new Int32Array(Math.max(n, Math.ceil(a.length * 1.5)));
  if (zero) a.fill(0, 0, n);
  return a;
}

function fitFloat(a: Float32Array<ArrayBuffer>, n: number): Float32Array<ArrayBuffer> {
  return a.length < n ? new Float32Array(Math.max(n, Math.ceil(a.length * 1.5))) : a;
}
