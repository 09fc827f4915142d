import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readEnvOverrides } from './env.ts';
import { defaultConfig } from './defaults.ts';

const defaults = defaultConfig() as never;

test('MM_ variables override settings, typed by their default', () => {
  const found = readEnvOverrides(defaults, {
    MM_TEAMSETTINGS_ENABLEOPENSERVER: 'true',
    MM_SERVICESETTINGS_MAXIMUMLOGINATTEMPTS: '3',
    MM_SERVICESETTINGS_SITEURL: 'https://chat.example.com',
    MM_TEAMSETTINGS_EXPERIMENTALDEFAULTCHANNELS: 'alpha beta',
  });
  assert.equal(found.get('TeamSettings.EnableOpenServer'), true);
  assert.equal(found.get('ServiceSettings.MaximumLoginAttempts'), 3);
  assert.equal(found.get('ServiceSettings.SiteURL'), 'https://chat.example.com');
  assert.deepEqual(found.get('TeamSettings.ExperimentalDefaultChannels'), ['alpha', 'beta']);
});

test('DATABASE_URL is an alias for SqlSettings.DataSource, MM_ wins', () => {
  assert.equal(
    readEnvOverrides(defaults, { DATABASE_URL: 'postgres://a' }).get('SqlSettings.DataSource'),
    'postgres://a',
  );
  const both = readEnvOverrides(defaults, {
    DATABASE_URL: 'postgres://a',
    MM_SQLSETTINGS_DATASOURCE: 'postgres://b',
  });
  assert.equal(both.get('SqlSettings.DataSource'), 'postgres://b');
});

test('a malformed typed value is refused with a message naming the setting', () => {
  assert.throws(
    () => readEnvOverrides(defaults, { MM_TEAMSETTINGS_ENABLEOPENSERVER: 'yes' }),
    /TeamSettings.EnableOpenServer/,
  );
});
