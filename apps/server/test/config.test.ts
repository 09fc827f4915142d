import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import type { ServerEvent } from '../src/realtime/bus.ts';
import { clientError, raw, startTestServer, type LoggedIn, type TestServer } from './harness.ts';

const FAKE = '********************************';

type Json = Record<string, Record<string, unknown>>;

async function fileConfig(server: TestServer): Promise<Json> {
  return JSON.parse(await readFile(server.configPath, 'utf8')) as Json;
}

describe('config', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let user: LoggedIn;
  let noAccountsBeforeFirstUser: string;
  const events: ServerEvent[] = [];

  before(async () => {
    server = await startTestServer({}, { MM_TEAMSETTINGS_SITENAME: 'From Env' });
    noAccountsBeforeFirstUser = (await server.client().getClientConfig()).NoAccounts as string;
    admin = await server.newUser({ username: 'admin' });
    user = await server.userByAdmin(admin.client);
    server.parley.app.events.subscribe((e) => events.push(e));
  });
  after(() => server.close());

  test('GET /config gives the admin the config with secrets masked; others are refused', async () => {
    const config = (await admin.client.getConfig()) as unknown as Json;
    assert.equal(config.SqlSettings.DataSource, FAKE);
    assert.equal(config.TeamSettings.SiteName, 'From Env');
    assert.equal(config.ServiceSettings.ListenAddress, ':8065');
    const refused = await clientError(() => user.client.getConfig());
    assert.equal(refused.status_code, 403);
    assert.equal(refused.server_error_id, 'api.context.permissions.app_error');
    const anonymous = await clientError(() => server.client().getConfig());
    assert.equal(anonymous.status_code, 401);
  });

  test('PUT /config saves the whole config, keeps masked secrets and publishes config_changed', async () => {
    const config = (await admin.client.getConfig()) as unknown as Json;
    config.TeamSettings.MaxUsersPerTeam = 77;
    events.length = 0;
    const saved = (await admin.client.updateConfig(config as never)) as unknown as Json;
    assert.equal(saved.TeamSettings.MaxUsersPerTeam, 77);
    assert.equal(saved.SqlSettings.DataSource, FAKE);

    const onDisk = await fileConfig(server);
    assert.equal(onDisk.TeamSettings.MaxUsersPerTeam, 77);
    // The masked value sent back did not overwrite the real one.
    assert.equal(onDisk.SqlSettings.DataSource, server.dataSource);

    const changed = events.find((e) => e.event === 'config_changed');
    assert.ok(changed, 'config_changed published');
    assert.deepEqual(changed.broadcast, {});
    const clientMap = changed.data.config as Record<string, string>;
    assert.equal(clientMap.SiteName, 'From Env');
    assert.equal(typeof clientMap.CollapsedThreads, 'string');
  });

  test('invalid configs are 400 with the problem in the message, and nothing is written', async () => {
    const config = (await admin.client.getConfig()) as unknown as Json;
    config.PasswordSettings.MinimumLength = 2;
    const tooShort = await clientError(() => admin.client.updateConfig(config as never));
    assert.equal(tooShort.status_code, 400);
    assert.match(tooShort.message, /PasswordSettings\.MinimumLength/);
    assert.equal((await fileConfig(server)).PasswordSettings.MinimumLength, 8);

    const wrongType = await clientError(() =>
      admin.client.patchConfig({ TeamSettings: { EnableUserCreation: 'no' } } as never),
    );
    assert.equal(wrongType.status_code, 400);
    assert.match(wrongType.message, /TeamSettings\.EnableUserCreation/);

    const notObject = await raw(server, '/api/v4/config', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${admin.token}` },
      body: '[1,2]',
    });
    assert.equal(notObject.status, 400);
    assert.equal(notObject.json.id, 'api.context.invalid_param.app_error');
  });

  test('PUT /config/patch changes only what it names; a regular user cannot write', async () => {
    const saved = (await admin.client.patchConfig({
      ServiceSettings: { SiteURL: 'http://chat.example.com' },
    } as never)) as unknown as Json;
    assert.equal(saved.ServiceSettings.SiteURL, 'http://chat.example.com');
    assert.equal(saved.TeamSettings.MaxUsersPerTeam, 77);
    const onDisk = await fileConfig(server);
    assert.equal(onDisk.ServiceSettings.SiteURL, 'http://chat.example.com');
    assert.equal(onDisk.SqlSettings.DataSource, server.dataSource);

    const cleared = await clientError(() =>
      admin.client.patchConfig({ ServiceSettings: { SiteURL: '' } } as never),
    );
    assert.equal(cleared.status_code, 400);
    assert.equal(cleared.server_error_id, 'api.config.update_config.clear_siteurl.app_error');

    const refused = await clientError(() =>
      user.client.patchConfig({ TeamSettings: { EnableOpenServer: true } } as never),
    );
    assert.equal(refused.status_code, 403);
    const refusedPut = await clientError(() => user.client.updateConfig({} as never));
    assert.equal(refusedPut.status_code, 403);
  });

  test('environment overrides win over the API and are listed by GET /config/environment', async () => {
    assert.deepEqual(await admin.client.getEnvironmentConfig(), { TeamSettings: { SiteName: true } });
    const saved = (await admin.client.patchConfig({
      TeamSettings: { SiteName: 'From API' },
    } as never)) as unknown as Json;
    assert.equal(saved.TeamSettings.SiteName, 'From Env');
    assert.equal((await admin.client.getClientConfig()).SiteName, 'From Env');
    assert.notEqual((await fileConfig(server)).TeamSettings.SiteName, 'From API');
    assert.equal((await clientError(() => user.client.getEnvironmentConfig())).status_code, 403);
  });

  test('POST /config/reload applies a config file edited by hand', async () => {
    const onDisk = await fileConfig(server);
    onDisk.TeamSettings.MaxChannelsPerTeam = 1234;
    await writeFile(server.configPath, JSON.stringify(onDisk, null, 2));
    events.length = 0;
    assert.deepEqual(await admin.client.reloadConfig(), { status: 'OK' });
    const config = (await admin.client.getConfig()) as unknown as Json;
    assert.equal(config.TeamSettings.MaxChannelsPerTeam, 1234);
    assert.ok(events.some((e) => e.event === 'config_changed'));

    const refused = await clientError(() => user.client.reloadConfig());
    assert.equal(refused.status_code, 403);

    onDisk.PasswordSettings.MinimumLength = 1;
    await writeFile(server.configPath, JSON.stringify(onDisk, null, 2));
    const invalid = await clientError(() => admin.client.reloadConfig());
    assert.equal(invalid.status_code, 400);
    assert.equal(((await admin.client.getConfig()) as unknown as Json).PasswordSettings.MinimumLength, 8);
    onDisk.PasswordSettings.MinimumLength = 8;
    await writeFile(server.configPath, JSON.stringify(onDisk, null, 2));
  });

  test('client config: limited map without a session, full map with one, all values strings', async () => {
    assert.equal(noAccountsBeforeFirstUser, 'true');
    const limited = (await server.client().getClientConfig()) as unknown as Record<string, unknown>;
    assert.equal(limited.NoAccounts, 'false');
    assert.equal(limited.Version, server.parley.app.version.version);
    assert.equal(limited.BuildEnterpriseReady, 'false');
    assert.equal(limited.EnableSignUpWithEmail, 'true');
    assert.equal(limited.PasswordMinimumLength, '8');
    assert.equal(limited.EnableLdap, 'false');
    assert.equal(limited.SiteURL, 'http://chat.example.com');
    assert.equal((limited.DiagnosticId as string).length, 26);
    assert.equal(limited.CollapsedThreads, undefined, 'logged-out clients do not get the full map');
    assert.equal(limited.EnableIncomingWebhooks, undefined);

    const full = (await user.client.getClientConfig()) as unknown as Record<string, unknown>;
    assert.equal(full.CollapsedThreads, 'always_on');
    assert.equal(full.MaxPostSize, '16383');
    assert.equal(full.MaxFileSize, '104857600');
    assert.equal(full.EnableIncomingWebhooks, 'true');
    assert.equal(full.TeammateNameDisplay, 'username');
    assert.equal(full.DiagnosticId, limited.DiagnosticId);
    for (const [key, value] of Object.entries(full)) assert.equal(typeof value, 'string', key);
  });

  test('client config without format=old is 501, with another format 400', async () => {
    const missing = await raw(server, '/api/v4/config/client');
    assert.equal(missing.status, 501);
    assert.equal(missing.json.id, 'api.config.client.old_format.app_error');
    const other = await raw(server, '/api/v4/config/client?format=new');
    assert.equal(other.status, 400);
  });

  test('client license: unlicensed, readable without a session', async () => {
    assert.deepEqual(await server.client().getClientLicenseOld(), { IsLicensed: 'false' });
    const missing = await raw(server, '/api/v4/license/client');
    assert.equal(missing.status, 501);
    assert.equal(missing.json.id, 'api.license.client.old_format.app_error');
  });
});
