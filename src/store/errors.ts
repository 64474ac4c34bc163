// Errors raised by the stores. Each says which database and what operation failed.

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** A database URL whose scheme no store understands, or that is malformed. */
export class UnsupportedDatabaseError extends StoreError {
  readonly url: string;
  constructor(url: string, reason: string) {
    super(`unsupported database URL ${url}: ${reason}`);
    this.name = 'UnsupportedDatabaseError';
    this.url = url;
  }
}
