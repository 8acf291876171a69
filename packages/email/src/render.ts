import type { ComponentType, ReactElement } from 'react';
import { brand } from './brand';
import { formatDate } from './templates/_components/format';
import { templateNames, type TemplateName, type TemplateProps } from './templates/props';
import type { EmailContent } from './types';

/** What each file in templates/ exports. */
export interface TemplateModule<P> {
  default: ComponentType<P> & { PreviewProps?: P };
  subject(props: P): string;
}

type AnyTemplateModule = TemplateModule<never>;

const loaded = new Map<TemplateName, Promise<AnyTemplateModule>>();

/**
 * Loads a template (templates/NAME.tsx). With import() rather than a static import, packages
 * that type-check without `jsx` can still import @kit/email (see templates/props.ts).
 */
export function loadTemplate<N extends TemplateName>(
  name: N,
): Promise<TemplateModule<TemplateProps[N]>> {
  let module = loaded.get(name);
  if (!module) {
    module = import(`./templates/${name}.tsx`) as Promise<AnyTemplateModule>;
    loaded.set(name, module);
  }
  return module as unknown as Promise<TemplateModule<TemplateProps[N]>>;
}

interface TextBuilder {
  openBlock(options: { leadingLineBreaks: number }): void;
  addInline(text: string): void;
  closeBlock(options: { trailingLineBreaks: number }): void;
}

const textOptions = {
  selectors: [
    // Headings as written, not upper-cased.
    ...['h1', 'h2', 'h3'].map((selector) => ({ selector, options: { uppercase: false } })),
    // The button (its plain-link twin is skipped in text): "Accept invitation: https://…".
    { selector: 'a[data-action-label]', format: 'actionLink' },
  ],
  formatters: {
    actionLink(elem: { attribs: Record<string, string> }, _walk: unknown, builder: TextBuilder) {
      builder.openBlock({ leadingLineBreaks: 2 });
      builder.addInline(`${elem.attribs['data-action-label']}: ${elem.attribs.href}`);
      builder.closeBlock({ trailingLineBreaks: 2 });
    },
  },
};

/**
 * What rendering needs, loaded the first time an email is rendered rather than when the API
 * starts (react, react-dom/server, react-email's text selectors and html-to-text are several
 * megabytes of code a process that sends no email never runs).
 *
 * The text converter is react-email's toPlainText with textOptions, compiled once: toPlainText
 * calls html-to-text's convert(), which parses every selector again on each call (about 1 ms
 * per email, more than rendering the HTML took). The options are the ones toPlainText passes.
 *
 * HTML comes from react-dom's synchronous renderToStaticMarkup: react-email's render() reads a
 * web stream (about 1.3 ms of CPU per invitation email on the reference machine), this takes
 * about 0.2 ms. The templates never suspend, so nothing waits for data.
 */
interface Renderer {
  element<P extends object>(component: ComponentType<P>, props: P): ReactElement;
  markup(element: ReactElement): string;
  text(html: string): string;
}

let renderer: Promise<Renderer> | undefined;

const loadRenderer = (): Promise<Renderer> =>
  (renderer ??= Promise.all([
    import('react'),
    import('react-dom/server'),
    import('@react-email/render'),
    import('./html-to-text'),
  ]).then(([react, server, reactEmail, { compile }]) => ({
    element: (component, props) => (react.default ?? react).createElement(component, props),
    markup: (server.default ?? server).renderToStaticMarkup,
    text: compile({
      wordwrap: false,
      ...textOptions,
      selectors: [...reactEmail.plainTextSelectors, ...textOptions.selectors],
    }),
  })));

/** The text version of a rendered email: what render(…, { plainText: true }) returns, from the HTML already rendered. */
export const htmlToText = async (html: string): Promise<string> =>
  (await loadRenderer()).text(html).trim();

const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * The HTML of an email, as react-email's render() gives it less the markers React's streaming
 * renderer leaves for hydration (`<!--$-->`, `<!--html-->`, `<!-- -->` between text pieces…),
 * which no email client reads: the same elements, text and attributes (and the Outlook
 * conditional comments the components write).
 */
async function renderHtml<P extends object>(component: ComponentType<P>, props: P) {
  const { element, markup } = await loadRenderer();
  return (
    DOCTYPE + stripImagePreloads(markup(element(component, props))).replace(/^<!DOCTYPE[^>]*>/i, '')
  );
}

/**
 * React adds `<link rel="preload" as="image">` for each image to the head of a document it
 * renders; a browser page's hint, noise in an email (react-email's render() removes them too).
 */
const stripImagePreloads = (html: string) =>
  html.includes('<link')
    ? html.replace(/<link\b[^>]*>/gi, (tag) =>
        /\brel="preload"/i.test(tag) && /\bas="image"/i.test(tag) ? '' : tag,
      )
    : html;

/** Props as callers pass them: the product name defaults to APP_NAME. */
export type PropsOf<N extends TemplateName> = Omit<TemplateProps[N], 'productName'> & {
  productName?: string;
};

const complete = <N extends TemplateName>(props: PropsOf<N>) =>
  ({ ...props, productName: props.productName ?? brand().productName }) as TemplateProps[N];

/**
 * A subject is one header line: names inside it (an organization's, an inviter's) stored before
 * they were validated must not break it, so line breaks and other controls become spaces.
 */
export const subjectLine = (subject: string): string =>
  subject.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();

/** Renders one email: subject, HTML and the plain-text version. */
export async function renderEmail<N extends TemplateName>(
  name: N,
  props: PropsOf<N>,
): Promise<EmailContent> {
  const template = await loadTemplate(name);
  const full = complete<N>(props);
  const html = await renderHtml(template.default, full);
  return { subject: subjectLine(template.subject(full)), html, text: await htmlToText(html) };
}

// React's escaping of text and attribute values: a substituted value matches a real render.
const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
};
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);

// Letters and digits only, upper case: React's escaping and the text conversion leave it as is.
const slotNonce = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
const slot = (index: number) => `KITSLOT${slotNonce}X${index}Z`;
const slotPattern = new RegExp(`KITSLOT${slotNonce}X(\\d+)Z`, 'g');

type StringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

let warnedFallback = false;

/** How a template's emails are rendered many at a time (see renderEmails). */
interface BatchRule<N extends TemplateName> {
  /** Props that differ from one email to the next (each invitation's own link). */
  vary: StringKeys<TemplateProps[N]>[];
  /**
   * Props the template shows only through a function of them: emails whose values give the same
   * result share a rendering (an invitation shows the day its link expires, not the instant).
   */
  sameWhen?: { [K in keyof TemplateProps[N]]?: (value: TemplateProps[N][K]) => string };
}

/** A rendering with placeholders for the varying props, and whether filling it in is faithful. */
interface Shape extends EmailContent {
  faithful: boolean;
}

/**
 * Shapes rendered lately, by template and shared props: a worker delivering invitations one at a
 * time from the same organization and inviter renders the template once, not per email. The
 * brand (read from the environment at render time) is part of the key. Oldest dropped first.
 */
const shapes = new Map<string, Shape>();
const SHAPES_KEPT = 200;

/**
 * Renders many emails of one template fast: rows that differ only in the `vary` props (say, each
 * invitation's link) are rendered once with placeholders, then each row's values are put in:
 * HTML-escaped in the HTML, as they are in the subject and text. The first row of each group is
 * also rendered normally and compared, so a template that transforms a varying value (which a
 * placeholder cannot reproduce) falls back to rendering every row. The renderings with
 * placeholders are kept for the next call (see shapes).
 */
export async function renderEmails<N extends TemplateName>(
  name: N,
  rows: PropsOf<N>[],
  options: BatchRule<N>,
): Promise<EmailContent[]> {
  const template = await loadTemplate(name);
  const vary = options.vary as string[];
  const sameWhen = (options.sameWhen ?? {}) as Record<string, (value: unknown) => string>;
  const groups = new Map<string, number[]>();
  const completed = rows.map((row) => complete<N>(row));
  const brandKey = JSON.stringify(brand());
  completed.forEach((row, index) => {
    const shared = Object.fromEntries(
      Object.entries(row)
        .filter(([key]) => !vary.includes(key))
        .map(([key, value]) => [key, sameWhen[key] ? sameWhen[key](value) : value]),
    );
    const key = `${name}\n${brandKey}\n${JSON.stringify(shared, Object.keys(shared).sort())}`;
    const members = groups.get(key);
    if (members) members.push(index);
    else groups.set(key, [index]);
  });

  const fill = (shape: EmailContent, row: TemplateProps[N]): EmailContent => {
    const values = vary.map((key) => String((row as unknown as Record<string, unknown>)[key]));
    const raw = (_: string, i: string) => values[Number(i)]!;
    const escaped = (_: string, i: string) => escapeHtml(values[Number(i)]!);
    return {
      subject: shape.subject.replace(slotPattern, raw),
      html: shape.html.replace(slotPattern, escaped),
      text: shape.text.replace(slotPattern, raw),
    };
  };

  const out: EmailContent[] = new Array(rows.length);
  for (const [key, members] of groups) {
    let shape = shapes.get(key);
    if (shape) {
      // Most recently used last.
      shapes.delete(key);
    } else {
      const first = completed[members[0]!]!;
      const placeholders = {
        ...first,
        ...Object.fromEntries(vary.map((k, i) => [k, slot(i)])),
      } as TemplateProps[N];
      const html = await renderHtml(template.default, placeholders);
      const rendered = {
        subject: subjectLine(template.subject(placeholders)),
        html,
        text: await htmlToText(html),
      };
      const direct = await renderEmail(name, first);
      const filled = fill(rendered, first);
      const faithful =
        direct.subject === filled.subject &&
        direct.html === filled.html &&
        direct.text === filled.text;
      if (!faithful && !warnedFallback) {
        warnedFallback = true;
        console.warn(
          `[email] the ${name} template transforms ${vary.join(', ')}: rendering each email separately`,
        );
      }
      shape = { ...rendered, faithful };
    }
    shapes.set(key, shape);
    if (shapes.size > SHAPES_KEPT) shapes.delete(shapes.keys().next().value!);
    for (const index of members) {
      out[index] = shape.faithful
        ? fill(shape, completed[index]!)
        : await renderEmail(name, completed[index]!);
    }
  }
  return out;
}

/**
 * How the templates whose emails go out many at a time, or one after another with the same
 * props but the link, are rendered (see renderEmails). A template not listed here is rendered
 * once per email.
 */
const batchRules: { [N in TemplateName]?: BatchRule<N> } = {
  invitation: { vary: ['url'], sameWhen: { expiresAt: formatDate } },
};

/**
 * What the outbox stores for an email rendered at delivery: its subject (a header, no link in
 * it) and its complete props (the product name filled in now, not at delivery).
 */
export async function completeTemplateEmails<N extends TemplateName>(
  name: N,
  rows: PropsOf<N>[],
): Promise<Array<{ subject: string; props: TemplateProps[N] }>> {
  const template = await loadTemplate(name);
  return rows.map((row) => {
    const props = complete<N>(row);
    return { subject: subjectLine(template.subject(props)), props };
  });
}

/** Renders emails of one template from their stored props, at delivery. */
export async function renderTemplateEmails<N extends TemplateName>(
  name: N,
  rows: TemplateProps[N][],
): Promise<EmailContent[]> {
  if (!templateNames.includes(name)) throw new Error(`There is no "${name}" email template.`);
  const rule = batchRules[name];
  if (rule) return renderEmails(name, rows, rule);
  return Promise.all(rows.map((row) => renderEmail(name, row)));
}
