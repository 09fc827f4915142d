import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { clientError, raw } from './harness.ts';
import { channelWorld, eventsNamed, type ChannelWorld } from './channels-setup.ts';

describe('direct and group message channels', () => {
  let w: ChannelWorld;
  before(async () => {
    w = await channelWorld();
  });
  after(() => w.server.close());

  test('a DM is named after both ids, created once, and announced once', async () => {
    const a = w.alice.user.id;
    const b = w.bob.user.id;
    const from = w.events.length;
    const dm = await w.alice.client.createDirectChannel([a, b]);
    assert.equal(dm.type, 'D');
    assert.equal(dm.team_id, '');
    assert.equal(dm.name, [a, b].sort().join('__'));
    const again = await w.bob.client.createDirectChannel([b, a]);
    assert.equal(again.id, dm.id);
    const added = eventsNamed(w, 'direct_added', from);
    assert.equal(added.length, 1);
    assert.deepEqual(added[0].data, { creator_id: a, teammate_id: b });
    assert.equal(added[0].broadcast.channelId, dm.id);
    const members = await w.alice.client.getChannelMembers(dm.id);
    assert.deepEqual(members.map((m) => m.user_id).sort(), [a, b].sort());
    assert.equal((await w.bob.client.getChannel(dm.id)).id, dm.id);
    // The DM is reachable by name through any team, as upstream's GetByName allows.
    assert.equal((await w.alice.client.getChannelByName(w.team.id, dm.name)).id, dm.id);
  });

  test('self-DMs are allowed; third parties and bad bodies are refused', async () => {
    const me = w.alice.user.id;
    const self = await w.alice.client.createDirectChannel([me, me]);
    assert.equal(self.name, `${me}__${me}`);
    assert.equal((await w.alice.client.getChannelMembers(self.id)).length, 1);

    const third = await clientError(() =>
      w.outsider.client.createDirectChannel([w.alice.user.id, w.bob.user.id]),
    );
    assert.equal(third.status_code, 403);
    const dm = await w.alice.client.createDirectChannel([me, w.bob.user.id]);
    const peek = await clientError(() => w.outsider.client.getChannel(dm.id));
    assert.equal(peek.status_code, 403);
    const one = await clientError(() => w.alice.client.createDirectChannel([me]));
    assert.equal(one.status_code, 400);
    const malformed = await clientError(() => w.alice.client.createDirectChannel([me, 'nope']));
    assert.equal(malformed.status_code, 400);
    const unknown = await clientError(() => w.alice.client.createDirectChannel([me, 'z'.repeat(26)]));
    assert.equal(unknown.status_code, 400);
    const objectBody = await raw(w.server, '/api/v4/channels/direct', {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}` },
      body: JSON.stringify({ user_ids: [me, me] }),
    });
    assert.equal(objectBody.status, 400);
    assert.equal(objectBody.json.id, 'api.context.invalid_body_param.app_error');
  });

  test('a GM adds the caller, is named by SHA-1 of the sorted ids and shows usernames', async () => {
    const ids = [w.bob.user.id, w.outsider.user.id];
    const from = w.events.length;
    const gm = await w.alice.client.createGroupChannel(ids);
    const all = [...ids, w.alice.user.id].sort();
    assert.equal(gm.type, 'G');
    assert.equal(gm.team_id, '');
    assert.equal(gm.name, createHash('sha1').update(all.join('')).digest('hex'));
    const names = [w.alice.user.username, w.bob.user.username, w.outsider.user.username].sort();
    assert.equal(gm.display_name, names.join(', ').slice(0, 64));
    const again = await w.bob.client.createGroupChannel([w.alice.user.id, w.outsider.user.id, w.bob.user.id]);
    assert.equal(again.id, gm.id);
    const added = eventsNamed(w, 'group_added', from);
    assert.equal(added.length, 1);
    assert.deepEqual(JSON.parse(added[0].data.teammate_ids as string).sort(), all);
    assert.equal((await w.outsider.client.getChannelMembers(gm.id)).length, 3);
    // Members may change a GM's header but not its name; it cannot be archived or joined.
    assert.equal((await w.bob.client.patchChannel(gm.id, { header: 'hi' })).header, 'hi');
    assert.equal(
      (await clientError(() => w.bob.client.patchChannel(gm.id, { display_name: 'x' }))).status_code,
      400,
    );
    assert.equal(
      (await clientError(() => w.admin.client.patchChannel(gm.id, { header: 'x' }))).status_code,
      403,
    );
    assert.equal((await clientError(() => w.bob.client.deleteChannel(gm.id))).status_code, 400);
    assert.equal(
      (await clientError(() => w.bob.client.addToChannel(w.admin.user.id, gm.id))).status_code,
      400,
    );
  });

  test('GM size and user checks', async () => {
    const small = await clientError(() => w.alice.client.createGroupChannel([w.bob.user.id]));
    assert.equal(small.status_code, 400);
    assert.equal(small.server_error_id, 'api.channel.create_group.bad_size.app_error');
    const unknown = await clientError(() =>
      w.alice.client.createGroupChannel([w.bob.user.id, 'q'.repeat(26)]),
    );
    assert.equal(unknown.server_error_id, 'api.channel.create_group.bad_user.app_error');
    const bad = await clientError(() => w.alice.client.createGroupChannel([w.bob.user.id, 'nope']));
    assert.equal(bad.status_code, 400);
  });
});

describe('RestrictDirectMessage=team', () => {
  let w: ChannelWorld;
  before(async () => {
    w = await channelWorld({ TeamSettings: { RestrictDirectMessage: 'team' } });
  });
  after(() => w.server.close());

  test('a DM needs a shared team', async () => {
    const denied = await clientError(() =>
      w.alice.client.createDirectChannel([w.alice.user.id, w.outsider.user.id]),
    );
    assert.equal(denied.status_code, 403);
    const shared = await w.alice.client.createDirectChannel([w.alice.user.id, w.bob.user.id]);
    assert.equal(shared.type, 'D');
  });
});
