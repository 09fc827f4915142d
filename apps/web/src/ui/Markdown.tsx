import { memo, useMemo } from 'react';
import { Marked, type TokenizerAndRendererExtension } from 'marked';
import DOMPurify from 'dompurify';
import { EMOJI } from './emoji.ts';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// @mentions and :emoji: are inline tokens, so they never apply inside code spans or blocks.
const mention: TokenizerAndRendererExtension = {
  name: 'mention',
  level: 'inline',
  start: (src) => src.match(/(^|[^\w@])@[a-z0-9]/i)?.index,
  tokenizer(src) {
    const m = /^@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])/i.exec(src);
    if (m) return { type: 'mention', raw: m[0], name: m[1].toLowerCase() };
    return undefined;
  },
  renderer: (token) =>
    `<span class="mention" data-mention="${escape(token.name)}">@${escape(token.name)}</span>`,
};

const emoji: TokenizerAndRendererExtension = {
  name: 'emoji',
  level: 'inline',
  start: (src) => (src.indexOf(':') >= 0 ? src.indexOf(':') : undefined),
  tokenizer(src) {
    const m = /^:([a-z0-9_+-]+):/.exec(src);
    if (m && EMOJI[m[1]]) return { type: 'emoji', raw: m[0], name: m[1] };
    return undefined;
  },
  renderer: (token) => `<span class="emoji" title=":${escape(token.name)}:">${EMOJI[token.name]}</span>`,
};

const marked = new Marked({ gfm: true, breaks: true, async: false });
marked.use({ extensions: [mention, emoji] });

// Every link opens in a new tab without giving the opened page a handle on this one.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function renderMarkdown(text: string): string {
  const html = marked.parse(text) as string;
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe'],
    FORBID_ATTR: ['style'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/|#)/i,
  });
}

/** A message's Markdown, sanitized; mentions of `me` get the highlight. */
export const Markdown = memo(function Markdown({ text, me }: { text: string; me?: string }) {
  const html = useMemo(() => {
    const out = renderMarkdown(text);
    if (!me) return out;
    return out.replaceAll(
      `class="mention" data-mention="${escape(me.toLowerCase())}"`,
      `class="mention mention-me" data-mention="${escape(me.toLowerCase())}"`,
    );
  }, [text, me]);
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
});
