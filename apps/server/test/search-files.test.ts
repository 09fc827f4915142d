import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client4 } from '@mattermost/client';
import type { Channel } from '@mattermost/types/channels';
import type { FileSearchResults } from '@mattermost/types/files';
import { channelWorld, newChannelFields, type ChannelWorld } from './channels-setup.ts';
import { upload } from './files-setup.ts';
import { clientError, raw, unique } from './harness.ts';

/** File search through Client4: names, flags, and the files a searcher must never see. */

const names = (r: FileSearchResults) => {
  const infos = r.file_infos as unknown as Record<string, { name: string }>;
  return r.order.map((id) => infos[id].name);
};

/** Uploads one small file to a channel and posts it; returns the file and post ids. */
async function postFile(client: Client4, channelId: string, name: string) {
  const res = await upload(client, channelId, [
    { name, data: Buffer.from(`content of ${name}`), type: 'text/plain' },
  ]);
  const fileId = res.file_infos[0].id;
  const post = await client.createPost({
    channel_id: channelId,
    message: 'a file',
    file_ids: [fileId],
  } as never);
  return { fileId, postId: post.id };
}

describe('file search', () => {
  let w: ChannelWorld;
  let dir: string;
  let town: Channel;
  let secret: Channel;
  let deletedPostFile: { fileId: string; postId: string };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-search-files-'));
    w = await channelWorld({ FileSettings: { Directory: dir } });
    town = await w.alice.client.createChannel(newChannelFields(w.team.id, 'O'));
    await w.alice.client.addToChannel(w.bob.user.id, town.id);
    secret = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));

    await postFile(w.alice.client, town.id, 'Quarterly-Report_2024.pdf');
    await postFile(w.alice.client, town.id, 'holiday photo.png');
    await postFile(w.bob.client, town.id, 'bob report.txt');
    await postFile(w.alice.client, secret.id, 'secret report.pdf');
    deletedPostFile = await postFile(w.alice.client, town.id, 'withdrawn report.pdf');
    // Uploaded but never posted: not searchable by anyone.
    await upload(w.alice.client, town.id, [{ name: 'draft report.pdf', data: Buffer.from('x') }]);
  });
  after(async () => {
    await w.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('matches names by word, partial word, phrase across separators and prefix, newest first', async () => {
    const r = await w.alice.client.searchFiles(w.team.id, 'report', false);
    assert.deepEqual(names(r), [
      'withdrawn report.pdf',
      'secret report.pdf',
      'bob report.txt',
      'Quarterly-Report_2024.pdf',
    ]);
    assert.equal(r.next_file_info_id, '');
    const infos = r.file_infos as unknown as Record<
      string,
      { channel_id: string; post_id: string; user_id: string }
    >;
    const first = infos[r.order[0]];
    assert.equal(first.channel_id, town.id);
    assert.ok(first.post_id.length === 26);

    assert.deepEqual(names(await w.alice.client.searchFiles(w.team.id, 'quarterly report', false)), [
      'Quarterly-Report_2024.pdf',
    ]);
    assert.deepEqual(names(await w.alice.client.searchFiles(w.team.id, '"report 2024"', false)), [
      'Quarterly-Report_2024.pdf',
    ]);
    assert.deepEqual(names(await w.alice.client.searchFiles(w.team.id, 'holi*', false)), [
      'holiday photo.png',
    ]);
    assert.deepEqual(names(await w.alice.client.searchFiles(w.team.id, 'liday', false)), [
      'holiday photo.png',
    ]);
    assert.deepEqual(names(await w.alice.client.searchFiles(w.team.id, 'holiday quarterly', true)), [
      'holiday photo.png',
      'Quarterly-Report_2024.pdf',
    ]);
    assert.deepEqual(names(await w.alice.client.searchFiles(w.team.id, 'report -secret -withdrawn', false)), [
      'bob report.txt',
      'Quarterly-Report_2024.pdf',
    ]);
  });

  test('ext:, from:, in: and dates narrow the results', async () => {
    const search = (terms: string) => w.alice.client.searchFiles(w.team.id, terms, false).then(names);
    assert.deepEqual(await search('report ext:txt'), ['bob report.txt']);
    assert.deepEqual(await search('ext:png'), ['holiday photo.png']);
    assert.deepEqual(await search('report -ext:pdf'), ['bob report.txt']);
    assert.deepEqual(await search(`report from:${w.bob.user.username}`), ['bob report.txt']);
    assert.deepEqual(await search(`report -from:${w.alice.user.username}`), ['bob report.txt']);
    assert.deepEqual(await search(`report in:${secret.name}`), ['secret report.pdf']);
    assert.deepEqual(await search(`report from:nobody-${unique('x')}`), []);
    assert.deepEqual(await search('report before:2000-01-01'), []);
    assert.equal((await search('report after:2000-01-01')).length, 4);
    // Paging.
    const page = await w.alice.client.searchFilesWithParams(w.team.id, {
      terms: 'report',
      page: 1,
      per_page: 3,
    });
    assert.deepEqual(names(page), ['Quarterly-Report_2024.pdf']);
  });

  test("a private channel's files never reach a non-member; unposted files are never found", async () => {
    const bobs = names(await w.bob.client.searchFiles(w.team.id, 'report', false));
    assert.deepEqual(bobs, ['withdrawn report.pdf', 'bob report.txt', 'Quarterly-Report_2024.pdf']);
    assert.deepEqual(names(await w.bob.client.searchFiles(w.team.id, `secret in:${secret.name}`, false)), []);
    assert.deepEqual(names(await w.alice.client.searchFiles(w.team.id, 'draft', false)), []);
    // The team route refuses someone outside the team.
    const err = await clientError(() => w.outsider.client.searchFiles(w.team.id, 'report', false));
    assert.equal(err.status_code, 403);
  });

  test("a deleted post's file is gone", async () => {
    await w.alice.client.deletePost(deletedPostFile.postId);
    assert.deepEqual(names(await w.bob.client.searchFiles(w.team.id, 'withdrawn', false)), []);
    assert.deepEqual(names(await w.alice.client.searchFiles(w.team.id, 'withdrawn', false)), []);
  });

  test("the team route keeps to its team; /files/search covers all the searcher's teams", async () => {
    const other = await w.alice.client.createTeam({
      name: unique('team'),
      display_name: 'Other',
      type: 'O',
    } as never);
    const [channel] = (await w.alice.client.getMyChannels(other.id)).filter((c) => c.name === 'town-square');
    await postFile(w.alice.client, channel.id, 'elsewhere report.doc');
    assert.deepEqual(names(await w.alice.client.searchFiles(w.team.id, 'elsewhere', false)), []);
    assert.deepEqual(names(await w.alice.client.searchFiles(other.id, 'elsewhere', false)), [
      'elsewhere report.doc',
    ]);
    assert.deepEqual(names(await w.alice.client.searchFiles('', 'elsewhere', false)), [
      'elsewhere report.doc',
    ]);
    // Bob is in no channel of the other team.
    assert.deepEqual(names(await w.bob.client.searchFiles('', 'elsewhere', false)), []);
  });

  test('a bad body is a 400 with Mattermost error JSON', async () => {
    const post = (body: string) =>
      raw(w.server, `/api/v4/teams/${w.team.id}/files/search`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${w.alice.client.getToken()}`, 'Content-Type': 'application/json' },
        body,
      });
    for (const body of ['{"terms": 5}', '{"terms": "x", "page": "one"}', '[]']) {
      const res = await post(body);
      assert.equal(res.status, 400, body);
      assert.equal(res.json.id, 'api.post.search_files.invalid_body.app_error');
    }
    const empty = await clientError(() => w.alice.client.searchFiles(w.team.id, '  ', false));
    assert.equal(empty.status_code, 400);
    assert.equal(empty.server_error_id, 'api.context.invalid_param.app_error');
  });
});
