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

/** A name that must be unique (per user) is taken. */
export class DuplicateError extends StoreError {
  constructor(what: string, name: string) {
    super(`${what} "${name}" already exists`);
    this.name = 'DuplicateError';
  }
}
