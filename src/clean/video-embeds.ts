// The only iframes a post may keep: video players from a short, explicit list of hosts.
// Any other iframe is dropped: an arbitrary framed page can phish, autoplay or track.
// PeerTube (`/videos/embed/` on any host) is deliberately not here: "any host" is no allow-list.

interface VideoEmbedHost {
  hosts: readonly string[];
  /** The embed player's path prefix: the rest of the site is not a video player. */
  pathPrefix: string;
}

const VIDEO_EMBEDS: readonly VideoEmbedHost[] = [
  { hosts: ['www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com'], pathPrefix: '/embed/' },
  { hosts: ['player.vimeo.com'], pathPrefix: '/video/' },
  { hosts: ['www.dailymotion.com', 'dailymotion.com'], pathPrefix: '/embed/video/' },
  { hosts: ['geo.dailymotion.com'], pathPrefix: '/player' },
];

/** Every host that may appear in an embed's src (for the sanitizer's own host check). */
export const VIDEO_EMBED_HOSTS: readonly string[] = VIDEO_EMBEDS.flatMap((embed) => embed.hosts);

/**
 * Players need scripts and their own origin's storage to run; top navigation, forms and
 * downloads are withheld. `allow-popups` lets "watch on YouTube" open a new tab.
 */
export const VIDEO_EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-presentation';

/** The https form of `src` when it is an allowed video player (src must already be absolute), else undefined. */
export function allowedVideoEmbed(src: string): string | undefined {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  const allowed = VIDEO_EMBEDS.some(
    (embed) => embed.hosts.includes(url.hostname) && url.pathname.startsWith(embed.pathPrefix),
  );
  if (!allowed) return undefined;
  url.protocol = 'https:';
  return url.href;
}
