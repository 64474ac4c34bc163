// The Content-Security-Policy of every response: scripts and styles only from Sluice's own static
// files — no inline script, no inline style, no eval — so markup that slipped through the ingest
// sanitizer (an XSS in a feed) could never run. Feed content may still show images and media from
// anywhere, and the video players the sanitizer keeps (src/clean/video-embeds.ts).
import { VIDEO_EMBED_HOSTS } from '../../clean/video-embeds.ts';

export const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'https:', 'http:', 'data:'],
  mediaSrc: ["'self'", 'https:', 'http:'],
  frameSrc: VIDEO_EMBED_HOSTS.map((host) => `https://${host}`),
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};
