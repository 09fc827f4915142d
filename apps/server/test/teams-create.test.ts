import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientError, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';

let server: TestServer;
let admin: LoggedIn;
before(async () => {
  server = await startTestServer();
  admin = await server.newUser({ username: 'admin' });
});
after(() => server.close());

test('a team is created with a Bearer token, with Town Square and Off-Topic', async () => {
  const name = unique('team');
  const team = await admin.client.createTeam({ name, display_name: 'Team', type: 'O' } as never);
  assert.equal(team.name, name);
  assert.equal(team.invite_id.length, 26);
  const rows = await server.parley.app.db
    .selectFrom('channels')
    .select('name')
    .where('team_id', '=', team.id)
    .execute();
  assert.deepEqual(rows.map((r) => r.name).sort(), ['off-topic', 'town-square']);
});

test('bad team names are 400; duplicates too', async () => {
  assert.equal(
    (await clientError(() => admin.client.createTeam({ name: 'A b', display_name: 'x', type: 'O' } as never)))
      .status_code,
    400,
  );
  assert.equal(
    (await clientError(() => admin.client.createTeam({ name: 'api', display_name: 'x', type: 'O' } as never)))
      .status_code,
    400,
  );
  const name = unique('dup');
  await admin.client.createTeam({ name, display_name: 'x', type: 'O' } as never);
  const dup = await clientError(() =>
    admin.client.createTeam({ name, display_name: 'x', type: 'O' } as never),
  );
  assert.equal(dup.status_code, 400);
  assert.equal(dup.server_error_id, 'app.team.save.existing.app_error');
});

test('anonymous callers cannot create teams', async () => {
  assert.equal(
    (
      await clientError(() =>
        server.client().createTeam({ name: unique('t'), display_name: 'x', type: 'O' } as never),
      )
    ).status_code,
    401,
  );
});
