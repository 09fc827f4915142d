import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { allRoutes } from '../src/routes.ts';
import { buildCases, pool, send, type Case, type Outcome } from './authz/cases.ts';
import { REFUSAL_ANSWERS, secretsOf } from './authz/rules.ts';
import { checkSockets } from './authz/sockets.ts';
import { DEAD_ACTORS, buildWorld, type World } from './authz/world.ts';

/**
 * Security measure 6 (docs in ../shared/reference/security.md §5): every route with an id, every
 * object its ids can name, every kind of caller. A refused caller gets no 2xx and no secret text
 * of what it may not see; dead credentials get 401; entitled callers are positive controls.
 */
describe('authorization matrix', () => {
  let w: World;
  const results: { c: Case; out: Outcome }[] = [];

  before(async () => {
    w = await buildWorld();
  });
  after(async () => {
    await w.server.close();
    await rm(w.dir, { recursive: true, force: true });
  });

  test('every route with an id × object × actor: no leak, no 2xx for refused callers', async () => {
    const { cases, skipped } = buildCases(w, allRoutes);
    assert.deepEqual(skipped, [], 'routes whose parameters the rules table does not know');
    assert.ok(cases.length >= 1000, `only ${cases.length} cases`);
    const secrets = secretsOf(w);
    const problems: string[] = [];
    await pool(cases, 6, async (c) => {
      let out: Outcome;
      try {
        out = await send(w, c);
      } catch (err) {
        problems.push(`${c.actor.name} ${c.route.method} ${c.path}: ${(err as Error).message}`);
        return;
      }
      results.push({ c, out });
      const where = `${c.actor.name} ${c.route.method} ${c.path} [${c.objects.map((o) => o.label).join(',')}] → ${out.status}`;
      // 501 is an answer (the feature is off), not a fault.
      if (out.status >= 500 && out.status !== 501)
        problems.push(`${where}: server error ${out.text.slice(0, 200)}`);
      if (DEAD_ACTORS.includes(c.actor.name) && c.route.auth === 'session' && out.status !== 401)
        problems.push(`${where}: dead credentials not refused with 401`);
      const refusal = REFUSAL_ANSWERS[`${c.route.method} ${c.route.url}`];
      if (!c.allowed && out.status >= 200 && out.status < 300 && out.text !== refusal)
        problems.push(`${where}: refused caller got ${out.status} ${out.text.slice(0, 200)}`);
      for (const s of secrets) {
        if (s.readers.has(c.actor.name)) continue;
        // The caller's own request naming the secret (a hook id in the path) is not a leak.
        if (out.requestText.includes(s.text)) continue;
        if (out.text.includes(s.text)) problems.push(`${where}: answer contains ${s.text}`);
      }
    });
    assert.deepEqual(problems, []);
    console.log(
      `authorization matrix: ${cases.length} cases over ${new Set(cases.map((c) => c.route)).size} routes`,
    );
  });

  test('positive controls: entitled callers do get the objects (so refusals above are real)', async () => {
    const get = async (actor: keyof World['actors'], path: string) => {
      const res = await fetch(`${w.server.url}/api/v4${path}`, {
        headers: { Authorization: `Bearer ${w.actors[actor].token}` },
      });
      return { status: res.status, text: await res.text() };
    };
    const expectOk = async (actor: keyof World['actors'], path: string, contains?: string) => {
      const r = await get(actor, path);
      assert.equal(r.status, 200, `${actor} GET ${path}: ${r.text.slice(0, 200)}`);
      if (contains) assert.ok(r.text.includes(contains), `${actor} GET ${path} lacks ${contains}`);
    };
    await expectOk('owner', `/channels/${w.priv.id}`, w.priv.header);
    await expectOk('sysadmin', `/channels/${w.priv.id}`, w.priv.header);
    await expectOk('owner', `/posts/${w.posts.priv}`, w.messages.priv);
    await expectOk('owner', `/posts/${w.posts.priv}/thread`, w.messages.privReply);
    await expectOk('teamMember', `/posts/${w.posts.dm}`, w.messages.dm);
    await expectOk('teamMember', `/channels/${w.gm.id}/posts`, w.messages.gm);
    await expectOk('removedMember', `/channels/${w.pub.id}`);
    await expectOk('removedMember', `/posts/${w.posts.archived}`, w.messages.archived);
    await expectOk('owner', `/files/${w.file.id}/info`, w.file.name);
    await expectOk('owner', `/hooks/incoming/${w.incomingHook.id}`);
    await expectOk('owner', `/hooks/outgoing/${w.outgoingHook.id}`, w.outgoingHook.token);
    await expectOk('owner', `/commands/${w.command.id}`);
    await expectOk('owner', `/users/tokens/${w.pat.id}`);
    await expectOk('sysadmin', `/bots/${w.bot.userId}`);
    await expectOk(
      'owner',
      `/users/${w.owner.user.id}/teams/${w.teamA.id}/channels/categories/${w.category.id}`,
    );
    await expectOk('owner', `/users/${w.owner.user.id}/teams/${w.teamA.id}/threads/${w.posts.priv}`);
    await expectOk('noTeam', `/users/${w.owner.user.id}`);
    await expectOk('otherTeam', `/emoji/${w.emoji.id}`);
    // The guest really is one, and sees its one channel.
    await expectOk('guest', '/users/me', 'system_guest');
    await expectOk('guest', `/channels/${w.pub.id}`);
    // A deleted post is gone even for its author.
    assert.equal((await get('owner', `/posts/${w.posts.deleted}`)).status, 404);
    // Across the matrix, most reads by entitled callers succeed: a wrong id would show here.
    const allowedReads = results.filter((r) => r.c.allowed);
    const okReads = allowedReads.filter((r) => r.out.status >= 200 && r.out.status < 300);
    assert.ok(
      okReads.length >= allowedReads.length * 0.6,
      `only ${okReads.length}/${allowedReads.length} entitled reads succeeded`,
    );
  });

  test('sockets: refused callers receive no events about objects they may not see', async () => {
    await checkSockets(w);
  });
});
