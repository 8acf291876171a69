// html-to-text ships no types; the one function used here (src/render.ts).
declare module 'html-to-text' {
  /** A converter for `options`, reusable: parses the options and selectors once. */
  export function compile(options?: object): (html: string) => string;
}
