import { badRequest, invalidBodyParam } from '../../errors/app-error.ts';
import { isValidId } from '../../platform/ids.ts';

/** Mattermost's EmojiNameMaxLength. */
export const EMOJI_NAME_MAX = 64;
const EMOJI_NAME = /^[a-zA-Z0-9\-+_]+$/;
/** Bounds POST /posts/ids/reactions (a page of posts is at most 200). */
export const MAX_BULK_POSTS = 200;

export interface NewReaction {
  user_id: string;
  post_id: string;
  emoji_name: string;
  /** 0 when the client sent none: the server's clock is used. */
  create_at: number;
}

export function isValidEmojiName(name: string): boolean {
  return name.length > 0 && name.length <= EMOJI_NAME_MAX && EMOJI_NAME.test(name);
}

/** The body of POST /reactions, checked as Mattermost's saveReaction and Reaction.IsValid do. */
export function parseNewReaction(body: unknown): NewReaction {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidBodyParam('reaction');
  const b = body as Record<string, unknown>;
  const str = (name: string) => {
    const v = b[name];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw invalidBodyParam(`reaction.${name}`);
    return v;
  };
  const reaction = {
    user_id: str('user_id'),
    post_id: str('post_id'),
    emoji_name: str('emoji_name'),
    create_at: 0,
  };
  if (
    !isValidId(reaction.user_id) ||
    !isValidId(reaction.post_id) ||
    reaction.emoji_name === '' ||
    reaction.emoji_name.length > EMOJI_NAME_MAX
  ) {
    throw badRequest('api.reaction.save_reaction.invalid.app_error', 'Reaction is not valid.');
  }
  if (!isValidEmojiName(reaction.emoji_name)) {
    throw badRequest('model.reaction.is_valid.emoji_name.app_error', 'Invalid emoji name.');
  }
  const createAt = b.create_at;
  if (createAt !== undefined && createAt !== null) {
    if (typeof createAt !== 'number' || !Number.isSafeInteger(createAt) || createAt < 0) {
      throw invalidBodyParam('reaction.create_at');
    }
    reaction.create_at = createAt;
  }
  return reaction;
}

/** The body of POST /posts/ids/reactions: a list of post ids, deduplicated. */
export function parsePostIdList(body: unknown): string[] {
  if (!Array.isArray(body) || body.some((v) => typeof v !== 'string')) throw invalidBodyParam('post_ids');
  if (body.length > MAX_BULK_POSTS) {
    throw badRequest(
      'api.context.invalid_body_param.app_error',
      `At most ${MAX_BULK_POSTS} post ids per request.`,
    );
  }
  return [...new Set(body as string[])];
}
