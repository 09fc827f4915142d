import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../errors/app-error.ts';
import { isValidEmojiName, parseNewReaction, parsePostIdList } from './policy.ts';

const id = 'a'.repeat(26);

test('emoji names are 1–64 characters of letters, digits, _, + and -', () => {
  for (const ok of ['smile', '+1', '-1', 'thumbs_up', 'A1', 'x'.repeat(64)])
    assert.ok(isValidEmojiName(ok), ok);
  for (const bad of ['', ':smile:', 'a b', 'é', 'x'.repeat(65)]) assert.ok(!isValidEmojiName(bad), bad);
});

test('a new reaction needs valid ids and emoji name; create_at is optional', () => {
  assert.deepEqual(parseNewReaction({ user_id: id, post_id: id, emoji_name: 'smile' }), {
    user_id: id,
    post_id: id,
    emoji_name: 'smile',
    create_at: 0,
  });
  assert.equal(
    parseNewReaction({ user_id: id, post_id: id, emoji_name: 'smile', create_at: 5 }).create_at,
    5,
  );
  const errorOf = (body: unknown) => {
    try {
      parseNewReaction(body);
    } catch (e) {
      return (e as AppError).id;
    }
    return null;
  };
  assert.equal(
    errorOf({ user_id: 'x', post_id: id, emoji_name: 's' }),
    'api.reaction.save_reaction.invalid.app_error',
  );
  assert.equal(
    errorOf({ user_id: id, post_id: id, emoji_name: 'a:b' }),
    'model.reaction.is_valid.emoji_name.app_error',
  );
  assert.equal(errorOf([]), 'api.context.invalid_body_param.app_error');
  assert.equal(
    errorOf({ user_id: id, post_id: id, emoji_name: 's', create_at: -1 }),
    'api.context.invalid_body_param.app_error',
  );
});

test('bulk post ids: strings only, at most 200, duplicates dropped', () => {
  assert.deepEqual(parsePostIdList([id, id]), [id]);
  assert.throws(() => parsePostIdList({}), AppError);
  assert.throws(() => parsePostIdList([1]), AppError);
  assert.throws(() => parsePostIdList(Array.from({ length: 201 }, (_, i) => String(i))), AppError);
});
