// The web benchmark at a tiny size, so it cannot rot: data generated and reused from its cache, the
// server started and stopped, both endpoints answered 2xx under load, the contract line printed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { benchWeb } from './web.ts';
import { webBenchData } from './web-data.ts';

describe('bench web', { timeout: 120_000 }, () => {
  it('measures both endpoints on a small instance and ends with the contract line', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'sluice-web-bench-'));
    const lines: string[] = [];
    const size = { posts: 3000, interests: 12, feeds: 50 };
    try {
      const result = await benchWeb({ ...size, connections: 4, durationSeconds: 1, warmupSeconds: 1, cacheDir, log: (l) => lines.push(l) });
      assert.deepEqual(result.endpoints.map((e) => `${e.under} ${e.path}`), ['quiet /', 'quiet /api/v1/feed', 'writes /', 'writes /api/v1/feed']);
      for (const e of result.endpoints) {
        assert.ok(e.requests > 0, `${e.path} answered`);
        assert.equal(e.failures, 0, `${e.path}: every answer 2xx`);
        assert.ok(e.p50 <= e.p95 && e.p95 <= e.p99 && e.p99 <= e.max, `${e.path}: percentiles in order`);
        assert.ok(e.cpuMsPerRequest > 0, `${e.path}: the server's CPU per request was measured`);
      }
      assert.match(result.summary, /^web: p95_ms=\d+\.\d p99_ms=\d+\.\d rps=\d+$/);
      assert.ok(lines.some((l) => /^web: generated 3000 posts/.test(l)));
      assert.ok(lines.some((l) => /ranked feed page \/ /.test(l)), 'the table lists the page');
      assert.ok(lines.some((l) => /ranked feed page \/ \(writes\)/.test(l)), 'and the page under writes');
      assert.ok(lines.some((l) => /^web: under writes, another process wrote [1-9]\d* actions, [1-9]\d* posts/.test(l)), 'the writer wrote');

      const cached = await webBenchData(size, cacheDir, (l) => lines.push(`again: ${l}`));
      assert.ok(cached.matches > 0, 'stored matches were generated');
      assert.ok(!lines.some((l) => l.startsWith('again:')), 'the second run reuses the cache');
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
