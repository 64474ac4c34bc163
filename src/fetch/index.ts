// The fetch stage's public face: what the refresh job imports.
export { fetchFeed, FETCH_DEFAULTS, type FetchOptions, type FetchResult, type FeedBody, type NotModified } from './fetch-feed.ts';
export * from './errors.ts';
export { closeAgents } from './agent.ts';
export { USER_AGENT, type Validators } from './request-headers.ts';
export { refusedRange } from './address-policy.ts';
export type { Resolver, AddressPolicy } from './guarded-lookup.ts';
export { createFetchPool, type FetchPool, type FetchPoolOptions } from './limiter.ts';
export { nextPollDelay, errorBackoffDelay, SCHEDULE_DEFAULTS, type PollHistory } from './schedule.ts';
