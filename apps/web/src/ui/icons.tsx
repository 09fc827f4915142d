// Line icons (24px grid) so the toolbar looks the same whatever emoji font the system has.
const PATHS = {
  smile:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 1.8a7.2 7.2 0 1 1 0 14.4 7.2 7.2 0 0 1 0-14.4ZM9 9.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4Zm6 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4Zm-6.6 4.6a3.9 3.9 0 0 0 7.2 0l-1.6-.8a2.1 2.1 0 0 1-4 0Z',
  reply: 'M10 8.5V5l-7 6.2 7 6.3v-3.6c4.3 0 7.3 1.3 9.5 4.6-.9-4.6-3.6-9.1-9.5-10Z',
  edit: 'M4 17.3V20h2.7l8.6-8.6-2.7-2.7L4 17.3Zm15.7-8.9a.9.9 0 0 0 0-1.3l-2.8-2.8a.9.9 0 0 0-1.3 0l-1.6 1.6 4.1 4.1 1.6-1.6Z',
  trash:
    'M9 3h6l1 1.5h4v1.8H4V4.5h4L9 3Zm-3 4.8h12l-.9 11.6A1.8 1.8 0 0 1 15.3 21H8.7a1.8 1.8 0 0 1-1.8-1.6L6 7.8Zm3.2 2v8.6h1.6V9.8H9.2Zm4 0v8.6h1.6V9.8h-1.6Z',
  close: 'm6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4 6.4 5Z',
  menu: 'M3 6h18v2H3V6Zm0 5h18v2H3v-2Zm0 5h18v2H3v-2Z',
  plus: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6V5Z',
  people:
    'M16 11a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3Zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13Zm8 0c-.3 0-.6 0-1 .1a4.2 4.2 0 0 1 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5Z',
  lock: 'M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Z',
} as const;

export function Icon({ name, size = 18 }: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path fill="currentColor" d={PATHS[name]} />
    </svg>
  );
}
