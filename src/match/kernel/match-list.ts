// Matches as parallel typed arrays: hundreds of matches per post at thousands of posts per
// second would otherwise mean millions of small objects.

export interface DenseMatch {
  /** Index of the post in the batch given to scoreBatch. */
  post: number;
  /** The interest's id (as given to add). */
  interest: number;
  /** Exact float32 cosine. */
  score: number;
}

export class MatchList {
  post: Int32Array;
  interest: Float64Array;
  score: Float32Array;
  length = 0;

  constructor(capacity = 256) {
    this.post = new Int32Array(capacity);
    this.interest = new Float64Array(capacity);
    this.score = new Float32Array(capacity);
  }

  /** Empties the list for reuse, with room for `capacity` matches (a caller scoring batch after
   *  batch keeps one list: at millions of matches per batch, a new one each time is garbage
   *  that brings full collections). */
  reuse(capacity: number): this {
    this.length = 0;
    if (this.post.length < capacity) this.grow(capacity);
    return this;
  }

  push(post: number, interest: number, score: number): void {
    if (this.length === this.post.length) this.grow(this.length * 2 + 16);
    this.post[this.length] = post;
    this.interest[this.length] = interest;
    this.score[this.length] = score;
    this.length++;
  }

  append(other: MatchList, postOffset = 0): void {
    if (this.length + other.length > this.post.length) this.grow(Math.max(this.length + other.length, this.post.length * 2));
    for (let i = 0; i < other.length; i++) {
      this.post[this.length + i] = other.post[i] + postOffset;
    }
    this.interest.set(other.interest.subarray(0, other.length), this.length);
    this.score.set(other.score.subarray(0, other.length), this.length);
    this.length += other.length;
  }

  toArray(): DenseMatch[] {
    const out: DenseMatch[] = [];
    for (let i = 0; i < this.length; i++) out.push({ post: this.post[i], interest: this.interest[i], score: this.score[i] });
    return out;
  }

  private grow(capacity: number): void {
    const post = new Int32Array(capacity); post.set(this.post.subarray(0, this.length));
    const interest = new Float64Array(capacity); interest.set(this.interest.subarray(0, this.length));
    const score = new Float32Array(capacity); score.set(this.score.subarray(0, this.length));
    this.post = post; this.interest = interest; this.score = score;
  }
}
