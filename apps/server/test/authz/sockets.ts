import assert from 'node:assert/strict';
import { unique } from '../harness.ts';
import { officialSocket, rawSocket, type Msg, type OfficialSocket } from '../websocket-setup.ts';
import { DEAD_ACTORS, type ActorName, type World } from './world.ts';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a socket message concerns the channel or carries the text. */
function mentions(m: Msg, channelId: string, texts: string[]): boolean {
  const json = JSON.stringify(m);
  return (
    m.broadcast?.channel_id === channelId || json.includes(channelId) || texts.some((t) => json.includes(t))
  );
}

/**
 * Measure 6's socket half: callers refused for a private channel, a DM or a GM hear nothing of
 * them while the members do, a member removed from a channel hears nothing posted after the
 * removal, and dead credentials never get a connection.
 */
export async function checkSockets(w: World): Promise<void> {
  const o = w.owner.client;
  const live: ActorName[] = [
    'noTeam',
    'otherTeam',
    'otherTeamAdmin',
    'removedMember',
    'guest',
    'teamMember',
    'owner',
  ];
  const sockets = {} as Record<ActorName, OfficialSocket>;
  for (const name of live) sockets[name] = await officialSocket(w.server, w.actors[name].token!);
  try {
    const privText = `sock-${unique('priv')}`;
    const header = `sock-${unique('hdr')}`;
    const dmText = `sock-${unique('dm')}`;
    const gmText = `sock-${unique('gm')}`;
    const privPost = await o.createPost({ channel_id: w.priv.id, message: privText } as never);
    await o.patchChannel(w.priv.id, { header });
    await o.addReaction(w.owner.user.id, privPost.id, 'smile');
    await o.createPost({ channel_id: w.dm.id, message: dmText } as never);
    await o.createPost({ channel_id: w.gm.id, message: gmText } as never);

    // Positive controls first: the members are told, so the events did go out.
    await sockets.owner.event('posted', (m) => JSON.stringify(m.data).includes(privText));
    await sockets.owner.event('channel_updated', (m) => JSON.stringify(m.data).includes(header));
    await sockets.owner.event('reaction_added', (m) => m.broadcast.channel_id === w.priv.id);
    await sockets.teamMember.event('posted', (m) => JSON.stringify(m.data).includes(dmText));
    await sockets.teamMember.event('posted', (m) => JSON.stringify(m.data).includes(gmText));
    await settle(300);

    const refusedPriv: ActorName[] = [
      'noTeam',
      'otherTeam',
      'otherTeamAdmin',
      'removedMember',
      'guest',
      'teamMember',
    ];
    for (const name of refusedPriv) {
      const leaked = sockets[name].events.filter((m) => mentions(m, w.priv.id, [privText, header]));
      assert.deepEqual(leaked, [], `${name} heard about the private channel`);
    }
    for (const name of ['noTeam', 'otherTeam', 'otherTeamAdmin', 'removedMember', 'guest'] as ActorName[]) {
      for (const [id, text] of [
        [w.dm.id, dmText],
        [w.gm.id, gmText],
      ] as const) {
        const leaked = sockets[name].events.filter((m) => mentions(m, id, [text]));
        assert.deepEqual(leaked, [], `${name} heard about ${id}`);
      }
    }

    // Removal takes effect at once: nothing posted after it reaches the removed member.
    await o.addToChannel(w.member.user.id, w.priv.id);
    await o.removeFromChannel(w.member.user.id, w.priv.id);
    const afterRemoval = `sock-${unique('after')}`;
    await o.createPost({ channel_id: w.priv.id, message: afterRemoval } as never);
    await sockets.owner.event('posted', (m) => JSON.stringify(m.data).includes(afterRemoval));
    await settle(1000);
    assert.deepEqual(
      sockets.teamMember.events.filter((m) => JSON.stringify(m).includes(afterRemoval)),
      [],
      'a removed member heard a post made after the removal',
    );
  } finally {
    for (const s of Object.values(sockets)) s.close();
  }

  // Dead credentials: neither the upgrade header nor the challenge gives them a connection.
  for (const name of DEAD_ACTORS) {
    const token = w.actors[name].token;
    const socket = await rawSocket(w.server, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    }).catch(() => null);
    if (!socket) continue;
    if (token) socket.send({ seq: 1, action: 'authentication_challenge', data: { token } });
    await o.createPost({ channel_id: w.pub.id, message: `sock-${unique('dead')}` } as never);
    await settle(300);
    assert.deepEqual(
      socket.messages.filter((m) => m.event),
      [],
      `${name} got events on a socket`,
    );
    socket.ws.close();
  }
}
