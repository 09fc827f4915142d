import { memo, useEffect, useMemo, useRef } from 'react';
import { Marked, type TokenizerAndRendererExtension } from 'marked';
import DOMPurify from 'dompurify';
import { lookupEmoji } from './emoji.ts';
import { useStore } from '../store.ts';

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
    if (m && lookupEmoji(m[1])) return { type: 'emoji', raw: m[0], name: m[1] };
    return undefined;
  },
  renderer: (token) =>
    `<span class="emoji" title=":${escape(token.name)}:">${lookupEmoji(token.name) ?? ''}</span>`,
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

type Highlighter = (root: HTMLElement) => void;
let highlighter: Promise<Highlighter> | null = null;

/** highlight.js (its common languages) in a chunk of its own, fetched the first time a code block shows. */
function loadHighlighter(): Promise<Highlighter> {
  highlighter ??= import('./highlight.ts').then((m) => m.highlightWithin);
  return highlighter;
}

/** A message's Markdown, sanitized; mentions of `me` get the highlight, code blocks their colours. */
export const Markdown = memo(function Markdown({ text, me }: { text: string; me?: string }) {
  // The full emoji set may arrive after the first render: :names: it knows then render as emoji.
  const emojiVersion = useStore((s) => (text.includes(':') ? s.emojiVersion : 0));
  const ref = useRef<HTMLDivElement>(null);
  const html = useMemo(() => {
    const out = renderMarkdown(text);
    if (!me) return out;
    return out.replaceAll(
      `class="mention" data-mention="${escape(me.toLowerCase())}"`,
      `class="mention mention-me" data-mention="${escape(me.toLowerCase())}"`,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, me, emojiVersion]);
  useEffect(() => {
    if (!html.includes('<pre><code')) return;
    let live = true;
    void loadHighlighter()
      .then((highlight) => live && ref.current && highlight(ref.current))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [html]);
  return <div className="markdown" ref={ref} dangerouslySetInnerHTML={{ __html: html }} />;
});
