import type { App } from '../../app.ts';
import { previewFirstLink } from '../linkpreviews/service.ts';
import { notifyPost, type CommittedPost } from './service.ts';

/**
 * What follows a committed post without holding it up: emails, pushes and the link preview. The
 * caller's one call; nothing here can delay or fail the post.
 */
export function afterPostCommitted(app: App, committed: CommittedPost): void {
  notifyPost(app, committed).catch((err: unknown) =>
    app.log.warn({ err, postId: committed.post.id }, 'post notifications failed'),
  );
  previewFirstLink(app, committed.channel, committed.post).catch((err: unknown) =>
    app.log.warn({ err, postId: committed.post.id }, 'link preview failed'),
  );
}
