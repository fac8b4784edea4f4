/**
 * Vitest setup: fill the gaps between jsdom and a browser that Mantine and
 * openapi-fetch run into, and reset shared state after each test.
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The machines that run the suite are shared and small: give `findBy…`/`waitFor` room under load.
configure({ asyncUtilTimeout: 4000 });
// Whole-app tests walk the builder wizard through several screens: jsdom is slow at that.
vi.setConfig({ testTimeout: 30_000 });

// Mantine reads media queries (color scheme, responsive props).
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  configurable: true,
  value: (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList,
});

// Mantine's SegmentedControl / ScrollArea observe their size.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// jsdom throws "Not implemented" when asked for pseudo-element styles.
const { getComputedStyle } = window;
window.getComputedStyle = (element: Element) => getComputedStyle(element);
window.HTMLElement.prototype.scrollIntoView ??= () => undefined;

// The app calls the API with relative URLs (baseUrl ''); a browser resolves them against the
// page, Node's Request (used under jsdom) throws. Resolve them against jsdom's location.
const NodeRequest = globalThis.Request;
class DocumentRelativeRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, document.baseURI).href : input, init);
  }
}
globalThis.Request = DocumentRelativeRequest as typeof Request;

afterEach(() => {
  cleanup(); // Testing Library only auto-cleans when test globals are enabled
  vi.unstubAllGlobals();
  vi.useRealTimers();
  localStorage.clear();
});
