import type { ApiClient, Reply } from '../lib/http.ts';
import type { Metrics } from './metrics.ts';
import { SimSocket } from './socket.ts';

/**
 * One simulated user, after Mattermost load-test-ng's SimulController (performance.md §5.1):
 * a weighted random action, then idle time uniform in [min, 2·avg − min). The actions issue
 * the same API requests as the webapp does for them.
 */
export interface SimChannel {
  id: string;
  name: string;
  teamId: string;
  type: string;
}

export interface SimShared {
  api: ApiClient;
  metrics: Metrics;
  wsUrl: string;
  /** Online simulated sockets per channel, for how many deliveries a post should produce. */
  online: Map<string, number>;
  minIdleMs: number;
  avgIdleMs: number;
  stopAt: number;
  /** Actions left out of the mix, by name. */
  without: Set<string>;
}

const REACTIONS = ['+1', 'smile', 'heart', 'tada', 'eyes', 'rocket'];
const PERCENT_REPLIES = 0.18;

interface PostBrief {
  id: string;
  rootId: string;
  userId: string;
}

export class SimUser {
  readonly id: string;
  readonly token: string;
  readonly teamId: string;
  readonly channels: SimChannel[];
  private readonly s: SimShared;
  socket: SimSocket | null = null;
  private current: SimChannel | null = null;
  private posts: PostBrief[] = [];
  private lastPendingMs = 0;

  constructor(id: string, token: string, teamId: string, channels: SimChannel[], shared: SimShared) {
    this.id = id;
    this.token = token;
    this.teamId = teamId;
    this.channels = channels;
    this.s = shared;
  }

  private async call(method: string, route: string, path: string, body?: unknown): Promise<Reply> {
    // The phase that issued the request counts it, even when it ends after the phase does.
    const metrics = this.s.metrics;
    const r = await this.s.api.request(method, path, this.token, body);
    metrics.request(`${method} ${route}`, r.status, r.ms);
    return r;
  }

  /** Confirms the stored session (GET /users/me) and opens the WebSocket. */
  async start(): Promise<void> {
    await this.call('GET', '/users/me', '/users/me');
    const socket = new SimSocket(this.s.wsUrl, this.token, (pid, at) => this.s.metrics.delivered(pid, at));
    await socket.connect();
    this.socket = socket;
    for (const c of this.channels) this.s.online.set(c.id, (this.s.online.get(c.id) ?? 0) + 1);
  }

  stop(): void {
    if (this.socket?.open) {
      for (const c of this.channels) this.s.online.set(c.id, (this.s.online.get(c.id) ?? 1) - 1);
    }
    this.socket?.close();
  }

  /** The action loop until the run's end; the first action loads a channel as a client does. */
  async loop(): Promise<void> {
    await this.switchChannel();
    while (performance.now() < this.s.stopAt) {
      const idle = this.s.minIdleMs + Math.random() * 2 * (this.s.avgIdleMs - this.s.minIdleMs);
      await new Promise((r) => setTimeout(r, Math.min(idle, Math.max(0, this.s.stopAt - performance.now()))));
      if (performance.now() >= this.s.stopAt) break;
      await this.randomAction();
    }
  }

  private randomAction(): Promise<void> {
    // Weights from load-test-ng (controller.go) for the actions the server supports.
    const all: [string, number, () => Promise<void>][] = [
      ['switch', 6.5219, () => this.switchChannel()],
      ['scroll', 1.9873, () => this.scrollChannel()],
      ['unread', 1, () => this.unreadCheck()],
      ['post', 1, () => this.createPost()],
      ['threads', 0.6023, () => this.viewGlobalThreads()],
      ['thread-read', 0.3236, () => this.updateThreadRead()],
      ['thread', 0.2841, () => this.viewThread()],
      ['reaction', 0.1306, () => this.addReaction()],
      ['typing', 0.3, async () => this.typing()],
    ];
    const actions = all.filter(([name]) => !this.s.without.has(name));
    let r = Math.random() * actions.reduce((sum, [, w]) => sum + w, 0);
    for (const [, w, run] of actions) {
      if ((r -= w) < 0) return run();
    }
    return this.switchChannel();
  }

  private pick<T>(list: T[]): T {
    return list[Math.floor(Math.random() * list.length)];
  }

  /** SwitchChannel: the webapp's requests when a channel is opened. */
  async switchChannel(): Promise<void> {
    const prev = this.current;
    const ch = this.pick(this.channels);
    this.current = ch;
    if (ch.type === 'D') await this.call('GET', '/channels/{id}', `/channels/${ch.id}`);
    else
      await this.call(
        'GET',
        '/teams/{id}/channels/name/{name}',
        `/teams/${ch.teamId}/channels/name/${encodeURIComponent(ch.name)}`,
      );
    const r = await this.call('GET', '/channels/{id}/posts', `/channels/${ch.id}/posts?page=0&per_page=60`);
    const authors = this.rememberPosts(r);
    if (authors.length) {
      await this.call('POST', '/users/ids', '/users/ids', authors);
      await this.call('POST', '/users/status/ids', '/users/status/ids', authors);
    }
    await this.call('GET', '/channels/{id}/members/me', `/channels/${ch.id}/members/me`);
    await this.call('GET', '/channels/{id}/stats', `/channels/${ch.id}/stats`);
    await this.call('POST', '/channels/members/me/view', '/channels/members/me/view', {
      channel_id: ch.id,
      prev_channel_id: prev?.id ?? '',
    });
  }

  /** Keeps the loaded posts for scrolling, replies, reactions and threads; returns their authors. */
  private rememberPosts(r: Reply): string[] {
    if (r.status !== 200) return [];
    try {
      const list = JSON.parse(r.body) as {
        order: string[];
        posts: Record<string, { root_id: string; user_id: string }>;
      };
      this.posts = list.order.map((id) => ({
        id,
        rootId: list.posts[id]?.root_id ?? '',
        userId: list.posts[id]?.user_id,
      }));
      return [...new Set(this.posts.map((p) => p.userId).filter(Boolean))];
    } catch {
      return [];
    }
  }

  private async scrollChannel(): Promise<void> {
    if (!this.current || this.posts.length === 0) return this.switchChannel();
    const oldest = this.posts[this.posts.length - 1].id;
    const r = await this.call(
      'GET',
      '/channels/{id}/posts?before',
      `/channels/${this.current.id}/posts?before=${oldest}&page=0&per_page=60`,
    );
    this.rememberPosts(r);
  }

  private async unreadCheck(): Promise<void> {
    await this.call('GET', '/users/{id}/teams/unread', `/users/${this.id}/teams/unread`);
  }

  private typing(): void {
    if (this.current) this.socket?.typing(this.current.id);
  }

  /** CreatePost: typing, then the post (18 % are replies to a post of the open channel). */
  async createPost(channel?: SimChannel): Promise<void> {
    const ch = channel ?? this.current ?? this.pick(this.channels);
    const root =
      !channel && this.posts.length && Math.random() < PERCENT_REPLIES ? this.pick(this.posts) : null;
    const rootId = root ? root.rootId || root.id : '';
    if (!channel) this.socket?.typing(ch.id, rootId);
    // The webapp's pending id: "<user id>:<ms>", kept unique per user.
    this.lastPendingMs = Math.max(Date.now(), this.lastPendingMs + 1);
    const pendingPostId = `${this.id}:${this.lastPendingMs}`;
    const metrics = this.s.metrics;
    metrics.expect(pendingPostId, this.s.online.get(ch.id) ?? 0);
    const r = await this.call('POST', '/posts', '/posts', {
      channel_id: ch.id,
      message: `load test message ${this.lastPendingMs}`,
      root_id: rootId,
      pending_post_id: pendingPostId,
    });
    if (r.status === 201) metrics.posts++;
    else metrics.forget(pendingPostId);
  }

  private async viewGlobalThreads(): Promise<void> {
    await this.call(
      'GET',
      '/users/{id}/teams/{id}/threads',
      `/users/${this.id}/teams/${this.teamId}/threads?per_page=25&extended=false&deleted=false&unread=false`,
    );
  }

  private threadRoot(): string | null {
    const withRoot = this.posts.find((p) => p.rootId);
    return withRoot ? withRoot.rootId : null;
  }

  private async viewThread(): Promise<void> {
    const root = this.threadRoot();
    if (!root) return this.scrollChannel();
    await this.call('GET', '/posts/{id}/thread', `/posts/${root}/thread`);
  }

  private async updateThreadRead(): Promise<void> {
    const root = this.threadRoot();
    if (!root) return this.scrollChannel();
    await this.call(
      'PUT',
      '/users/{id}/teams/{id}/threads/{id}/read/{ts}',
      `/users/${this.id}/teams/${this.teamId}/threads/${root}/read/${Date.now()}`,
    );
  }

  private async addReaction(): Promise<void> {
    if (this.posts.length === 0) return this.switchChannel();
    await this.call('POST', '/reactions', '/reactions', {
      user_id: this.id,
      post_id: this.pick(this.posts).id,
      emoji_name: this.pick(REACTIONS),
    });
  }
}
