/**
 * Slack compatibility for integration payloads (Mattermost's ProcessSlackText,
 * ProcessSlackAttachments and SplitWebhookPost), pure and tested through the webhook suites.
 */

const SLACK_LINK = /<([^|<>]+)\|([^|<>]+)>/gu;

/** `<url|label>` becomes `[label](url)`; `<!channel>`, `<!here>`, `<!all>` become mentions. */
export function processSlackText(text: string): string {
  return text
    .replace(/<!channel>/gu, '@channel')
    .replace(/<!here>/gu, '@here')
    .replace(/<!all>/gu, '@all')
    .replace(SLACK_LINK, '[$2]($1)');
}

const STRING_FIELDS = [
  'fallback',
  'color',
  'pretext',
  'author_name',
  'author_link',
  'author_icon',
  'title',
  'title_link',
  'text',
  'image_url',
  'thumb_url',
  'footer',
  'footer_icon',
] as const;
const MARKDOWN_FIELDS = new Set(['pretext', 'text', 'title']);

export type Attachment = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's %v of a scalar, for field values sent as numbers or booleans. */
const scalarText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Attachments as Mattermost stores them: the known SlackAttachment fields only, null entries
 * dropped, field values made strings, Slack markup converted. Null when `value` is not a list.
 */
export function processAttachments(value: unknown): Attachment[] | null {
  if (!Array.isArray(value)) return null;
  const out: Attachment[] = [];
  for (const raw of value) {
    if (!isObject(raw)) continue;
    const a: Attachment = {};
    if (raw.id !== undefined) a.id = raw.id;
    for (const name of STRING_FIELDS) {
      const v = raw[name];
      if (v === undefined || v === null) continue;
      const text = scalarText(v);
      a[name] = MARKDOWN_FIELDS.has(name) ? processSlackText(text) : text;
    }
    if (Array.isArray(raw.fields)) {
      a.fields = raw.fields.filter(isObject).map((f) => ({
        title: typeof f.title === 'string' ? f.title : '',
        value: f.value === undefined || f.value === null ? '' : processSlackText(scalarText(f.value)),
        short: f.short === true,
      }));
    }
    // Unix seconds as a number or string, as Slack allows.
    if (typeof raw.ts === 'number' || typeof raw.ts === 'string') a.ts = raw.ts;
    // Interactive actions are kept as sent for the interactive-messages handler.
    if (Array.isArray(raw.actions)) a.actions = raw.actions;
    out.push(a);
  }
  return out;
}

/** Splits text into pieces of at most `maxRunes` code points, as SplitWebhookPost does. */
export function splitText(text: string, maxRunes: number): string[] {
  const runes = [...text];
  if (runes.length <= maxRunes) return [text];
  const parts: string[] = [];
  for (let i = 0; i < runes.length; i += maxRunes) parts.push(runes.slice(i, i + maxRunes).join(''));
  return parts;
}
