// @ts-expect-error -- html-to-text ships no types; the one function used is typed below.
import { compile as compileUntyped } from 'html-to-text';

/** html-to-text's compile(): a converter for `options`, which parses them and their selectors once. */
export const compile = compileUntyped as (options?: object) => (html: string) => string;
