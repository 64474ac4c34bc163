// A feed publisher on loopback for the browser tests: fixed documents at fixed paths, nothing else.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Document {
  type: string;
  body: string;
}

export interface FeedServer {
  /** The absolute URL of a path on this server. */
  url(path: string): string;
  close(): Promise<void>;
}

/** `publish` gets the server's base URL (http://127.0.0.1:PORT), for documents that link to themselves. */
export async function startFeedServer(publish: (baseUrl: string) => Record<string, Document>): Promise<FeedServer> {
  let documents: Record<string, Document> = {};
  const server = createServer((req, res) => {
    const doc = documents[new URL(req.url ?? '/', 'http://x').pathname];
    if (!doc) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': doc.type }).end(doc.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  documents = publish(base);
  return {
    url: (path) => base + path,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
