import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('reads the server log level and the metrics token, with their defaults', () => {
    const defaults = loadConfig({}, {});
    assert.equal(defaults.logLevel, 'info');
    assert.equal(defaults.metricsToken, undefined);
    const set = loadConfig({}, { SLUICE_LOG_LEVEL: 'DEBUG', SLUICE_METRICS_TOKEN: 's3cret' });
    assert.equal(set.logLevel, 'debug');
    assert.equal(set.metricsToken, 's3cret');
    assert.equal(loadConfig({}, { SLUICE_METRICS_TOKEN: '' }).metricsToken, undefined, 'empty is unset, never an empty token');
  });

  it('refuses a log level it does not know, naming the ones it does', () => {
    assert.throws(() => loadConfig({}, { SLUICE_LOG_LEVEL: 'verbose' }), (err: Error) => err instanceof ConfigError && /SLUICE_LOG_LEVEL=verbose .*debug/.test(err.message));
  });
});
