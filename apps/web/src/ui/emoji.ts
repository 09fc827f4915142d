/** Common emoji by their Mattermost names: the reaction picker and :name: in messages. */
export const EMOJI: Record<string, string> = {
  '+1': '👍',
  thumbsup: '👍',
  '-1': '👎',
  heart: '❤️',
  smile: '😄',
  joy: '😂',
  tada: '🎉',
  eyes: '👀',
  white_check_mark: '✅',
  pray: '🙏',
  fire: '🔥',
  rocket: '🚀',
  thinking: '🤔',
  '100': '💯',
  wave: '👋',
  clap: '👏',
  slightly_smiling_face: '🙂',
  wink: '😉',
  cry: '😢',
  ok_hand: '👌',
};

export const PICKER = [
  '+1',
  'heart',
  'joy',
  'tada',
  'eyes',
  'white_check_mark',
  'pray',
  'fire',
  'rocket',
  'thinking',
];

export function emojiChar(name: string): string {
  return EMOJI[name] ?? `:${name}:`;
}
