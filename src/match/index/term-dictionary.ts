// Terms as dense integer ids (string → id and back), with the document frequencies of the
// post stream: the index stores ids, and the IDF floor reads the frequencies.

export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private df = new Uint32Array(1024);
  /** Documents (posts) observed. */
  documents = 0;

  get size(): number { return this.terms.length; }

  /** The id of a term, assigning the next one if it is new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      if (id >= this.df.length) {
        const df = new Uint32Array(this.df.length * 2);
        df.set(this.df);
        this.df = df;
      }
    }
    return id;
  }

  lookup(term: string): number | undefined { return this.ids.get(term); }
  term(id: number): string { return this.terms[id]; }

  /** Counts one document's distinct terms toward document frequency. */
  observe(termIds: ArrayLike<number>): void {
    this.documents++;
    for (let i = 0; i < termIds.length; i++) this.df[termIds[i]]++;
  }

  documentFrequency(id: number): number { return this.df[id] ?? 0; }

  /** Smoothed inverse document frequency, ln((N + 1) / (df + 0.5)); unseen terms score highest. */
  idf(id: number): number {
    return Math.log((this.documents + 1) / (this.documentFrequency(id) + 0.5));
  }
}
