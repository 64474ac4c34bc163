// Reading the inputs of batch scoring (`sluice score`): posts as JSON lines, interests as a
// JSON array. Every refusal says which file and, for posts, which line.

import type { Interest } from './interest/interest.ts';
import type { PostInput } from './batch.ts';

/** A batch input file is unusable; the message names the file (and line). */
export class BatchInputError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, message: string, options?: { cause?: unknown }) {
    super(`${file}${line === undefined ? '' : ` line ${line}`}: ${message}`, options);
    this.name = 'BatchInputError';
    this.file = file;
    this.line = line;
  }
}

/** Posts from JSON lines `{"id","title","text"}`; blank lines are skipped. */
export function parsePostLines(content: string, file: string): PostInput[] {
  const posts: PostInput[] = [];
  const ids = new Set<string>();
  content.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new BatchInputError(file, i + 1, `not valid JSON (${(err as Error).message})`, { cause: err });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BatchInputError(file, i + 1, 'expected an object {"id","title","text"}');
    const { id, title, text } = value as Record<string, unknown>;
    if (typeof id !== 'string' && typeof id !== 'number') throw new BatchInputError(file, i + 1, '"id" is missing (a string or number)');
    if (title !== undefined && typeof title !== 'string') throw new BatchInputError(file, i + 1, '"title" must be a string');
    if (text !== undefined && typeof text !== 'string') throw new BatchInputError(file, i + 1, '"text" must be a string');
    const key = String(id);
    if (ids.has(key)) throw new BatchInputError(file, i + 1, `id "${key}" appears twice`);
    ids.add(key);
    posts.push({ id: key, title: title ?? '', text: text ?? '' });
  });
  if (posts.length === 0) throw new BatchInputError(file, undefined, 'no posts');
  return posts;
}

/** Interests from a JSON array `[{"name","keywords":[…],"description"?}]`. */
export function parseInterests(content: string, file: string): Interest[] {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (err) {
    throw new BatchInputError(file, undefined, `not valid JSON (${(err as Error).message})`, { cause: err });
  }
  if (!Array.isArray(value)) throw new BatchInputError(file, undefined, 'expected a JSON array of interests');
  if (value.length === 0) throw new BatchInputError(file, undefined, 'no interests');
  const names = new Set<string>();
  return value.map((raw, i) => {
    const where = `interest ${i + 1}`;
    if (typeof raw !== 'object' || raw === null) throw new BatchInputError(file, undefined, `${where} is not an object`);
    const { name, keywords, description } = raw as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') throw new BatchInputError(file, undefined, `${where} has no "name"`);
    const keywordList = keywords ?? [];
    if (!Array.isArray(keywordList) || !keywordList.every((k) => typeof k === 'string')) {
      throw new BatchInputError(file, undefined, `interest "${name}": "keywords" must be a list of strings`);
    }
    if (description !== undefined && typeof description !== 'string') throw new BatchInputError(file, undefined, `interest "${name}": "description" must be a string`);
    if (names.has(name.trim())) throw new BatchInputError(file, undefined, `interest "${name}" appears twice`);
    names.add(name.trim());
    return { name: name.trim(), keywords: keywordList, ...(description ? { description } : {}) };
  });
}
