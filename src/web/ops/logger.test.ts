import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from './logger.ts';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with the level by name, an ISO time and the fields given', () => {
    const { logger, lines } = capture('info');
    logger.info({ feeds: 3 }, 'refresh: 3 feeds');
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line.level, 'info');
    assert.equal(line.msg, 'refresh: 3 feeds');
    assert.equal(line.feeds, 3);
    assert.ok(!Number.isNaN(Date.parse(String(line.time))) && String(line.time).endsWith('Z'), `ISO time, got ${line.time}`);
  });

  it('drops lines below its level, and everything when silent', () => {
    const warn = capture('warn');
    warn.logger.info('not shown');
    warn.logger.debug('not shown');
    warn.logger.warn('shown');
    warn.logger.error({ err: new Error('disk full') }, 'shown too');
    assert.deepEqual(warn.lines.map((l) => l.level), ['warn', 'error']);
    assert.equal((warn.lines[1].err as { message: string }).message, 'disk full');
    const silent = capture('silent');
    silent.logger.fatal('nothing');
    assert.equal(silent.lines.length, 0);
  });
});
