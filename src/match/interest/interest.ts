// An interest as a user writes it, and as the matcher uses it.

/** What a user types: a name, optionally a description, and keywords (words or phrases). */
export interface Interest {
  name: string;
  description?: string;
  keywords: string[];
}

export type TermSource = 'keyword' | 'name' | 'description' | 'learned' | 'suggested';

export interface InterestTerm {
  /** A stem ("econom") or a phrase of stems joined by spaces ("mobil phone"). */
  term: string;
  weight: number;
  source: TermSource;
  /** The words the user wrote, for display ("mobile phone"). */
  text: string;
}

/** A term refused at compile time, with why (shown in the interest's "Advanced" view). */
export interface RefusedTerm {
  text: string;
  reason: 'stoplist' | 'idf-floor' | 'empty';
}

export interface CompiledInterest {
  name: string;
  terms: InterestTerm[];
  refused: RefusedTerm[];
  /** Unit vector of name + description + keywords, in the space of `embedderId`. */
  vector: Float32Array;
  embedderId: string;
}

/** An interest that cannot be compiled: no name, or nothing to match on. */
export class InterestError extends Error {
  readonly interest: string;
  constructor(interest: string, message: string) {
    super(interest ? `interest "${interest}": ${message}` : message);
    this.name = 'InterestError';
    this.interest = interest;
  }
}
