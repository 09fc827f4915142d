// Loaded on demand by Markdown.tsx: highlight.js with its common languages (about 40).
import hljs from 'highlight.js/lib/common';

/**
 * Colours every code block under `root`. A fenced block's language (```ts) comes through marked as
 * class "language-ts"; without one, highlight.js guesses. Its output escapes the code, so the result
 * stays as safe as the sanitized HTML it replaces.
 */
export function highlightWithin(root: HTMLElement): void {
  for (const block of root.querySelectorAll<HTMLElement>('pre code:not(.hljs)')) {
    const lang = /language-([\w+-]+)/.exec(block.className)?.[1];
    if (lang && !hljs.getLanguage(lang)) {
      block.classList.add('hljs');
      continue;
    }
    hljs.highlightElement(block);
  }
}
