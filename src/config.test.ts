import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chanceMatchesSetting, ConfigError, loadConfig, selfTrainingSetting } from './config.ts';

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

it('SLUICE_CHANCE_MATCHES_PER_DAY: a positive number, or unset', () => {
  assert.equal(chanceMatchesSetting({}), undefined);
  assert.equal(chanceMatchesSetting({ SLUICE_CHANCE_MATCHES_PER_DAY: '0.25' }), 0.25);
  assert.throws(() => chanceMatchesSetting({ SLUICE_CHANCE_MATCHES_PER_DAY: '0' }), (err: Error) => err instanceof ConfigError && /SLUICE_CHANCE_MATCHES_PER_DAY=0 is not a positive number/.test(err.message));
});

it('SLUICE_SELF_TRAINING: on unless turned off', () => {
  assert.equal(selfTrainingSetting({}), true);
  assert.equal(selfTrainingSetting({ SLUICE_SELF_TRAINING: 'off' }), false);
  assert.equal(selfTrainingSetting({ SLUICE_SELF_TRAINING: 'on' }), true);
  assert.throws(() => selfTrainingSetting({ SLUICE_SELF_TRAINING: 'sometimes' }), (err: Error) => err instanceof ConfigError && /SLUICE_SELF_TRAINING=sometimes is not a boolean/.test(err.message));
});
