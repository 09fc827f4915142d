/**
 * Functions given to page.evaluate run in the browser, but this test project compiles without the
 * DOM library (it is a Node project). These types describe the little of the page those functions
 * touch; inside a function, `const w = globalThis as unknown as PageWindow` gives them (a cast only,
 * so nothing outside the function is captured when Playwright serializes it).
 */
export interface PageElement {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly dataset: Record<string, string | undefined>;
  getBoundingClientRect(): { top: number; bottom: number; height: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
}

export interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    fillStyle: unknown;
    font: string;
    textAlign: string;
    textBaseline: string;
    createLinearGradient(
      x0: number,
      y0: number,
      x1: number,
      y1: number,
    ): {
      addColorStop(at: number, color: string): void;
    };
    fillRect(x: number, y: number, w: number, h: number): void;
    fillText(text: string, x: number, y: number): void;
  };
  toDataURL(type: string): string;
}

export interface PageWindow {
  document: {
    title: string;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
    createElement(tag: 'canvas'): PageCanvas;
  };
  navigator: { clipboard: { readText(): Promise<string> } };
  requestAnimationFrame(callback: () => void): number;
  /** Desktop notifications recorded by the fake Notification of settings.test.ts. */
  shown: Array<{ title: string; body: string }>;
  Notification: unknown;
}
