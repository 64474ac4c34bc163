// A tiny cookie-keeping client for in-process tests of the web app (app.request), like a browser without JS.

export interface ClientRequest {
  method?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  body?: BodyInit;
}

/** What the client needs of the app: Hono's in-process request. */
export interface RequestHandler {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  private readonly app: RequestHandler;
  private readonly base: string;

  constructor(app: RequestHandler, base = 'http://localhost') {
    this.app = app;
    this.base = base;
  }

  async request(path: string, req: ClientRequest = {}): Promise<Response> {
    const headers: Record<string, string> = { ...req.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body = req.body;
    if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    const res = await this.app.request(this.base + path, { method: req.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return res;
  }

  /** GETs a page and returns the CSRF token of its first form. */
  async csrf(path: string): Promise<string> {
    const html = await (await this.request(path)).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error(`no CSRF field on ${path}`);
    return m[1];
  }
}
