import fc from 'fast-check';

/**
 * Generators of malformed request parts for fuzzing the API: control characters, odd Unicode,
 * huge strings, prototype keys, wrong JSON types, deep nesting, bad cursors and limits.
 */

const CONTROL = ['\u0000', '\r\n', '\n', '\r', '\t', '\u0007', '\u001b', '\u007f', '\u0085'];
const ODD_UNICODE = [
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\u202e', // right-to-left override
  '\u2028', // line separator
  '\ufeff', // byte order mark
  '\u200b', // zero-width space
  '\uffff',
  'e\u0301', // combining accent
  '😀',
  'Ω',
];
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];
const SPECIAL = [
  '',
  ' ',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  'javascript:alert(1)',
  'https://example.test/logo.png',
  'http://example.test',
  '../../etc/passwd',
  '%00',
  '%',
  '%zz',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  'owner',
  'admin',
  'member',
];

const oddCharacter = fc.constantFrom(...CONTROL, ...ODD_UNICODE);

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(...SPECIAL, ...PROTOTYPE_KEYS, ...CONTROL, ...ODD_UNICODE),
  },
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), oddCharacter, fc.string({ maxLength: 8 }))
      .map(([a, b, c]) => a + b + c),
  },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 1_100_000 }).map((n) => 'x'.repeat(n)) },
);

const nastyKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), nastyString);

/** Any JSON value with malformed strings and keys, a few levels deep. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(nastyKey, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A value JSON.stringify cannot write in a test (too deep): spliced into the text afterwards. */
export const DEEP = '@@deep-nesting@@';
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const fieldValue = fc.oneof(
  { weight: 6, arbitrary: nastyValue },
  { weight: 1, arbitrary: fc.constant(DEEP) },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: fc.constantFrom('owner', 'admin', 'member') },
);

const invitationRows = fc.array(
  fc.record(
    {
      email: fc.oneof(fc.emailAddress(), nastyString),
      role: fc.oneof(fc.constantFrom('owner', 'admin', 'member', ...PROTOTYPE_KEYS), nastyValue),
      metadata: fc.oneof(nastyValue, fc.constant(DEEP)),
    },
    { requiredKeys: [] },
  ),
  { maxLength: 4 },
);

/** Field names the API's routes read (and better-auth's), plus keys that mean something to JS. */
const FIELDS = [
  'name',
  'slug',
  'logo',
  'email',
  'role',
  'metadata',
  'memberId',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'image',
  'callbackURL',
  'redirectTo',
  'rememberMe',
  'provider',
  'idToken',
  'organizationId',
  'invitationId',
  'status',
];

const jsonObjectText = fc
  .tuple(
    fc.dictionary(
      fc.oneof(fc.constantFrom(...FIELDS, ...PROTOTYPE_KEYS), nastyString),
      fieldValue,
      {
        maxKeys: 5,
      },
    ),
    fc.option(invitationRows, { nil: undefined }),
    fc.integer({ min: 6, max: 6_000 }),
  )
  .map(([fields, invitations, depth]) => {
    const body = invitations ? { ...fields, invitations } : fields;
    return JSON.stringify(body).replaceAll(JSON.stringify(DEEP), deepJson(depth));
  });

export interface BodyPart {
  text: string;
  contentType: string;
}

const json = (text: string): BodyPart => ({ text, contentType: 'application/json' });

/** A request body: mostly JSON objects with malformed fields, sometimes not JSON at all. */
export const nastyBody: fc.Arbitrary<BodyPart> = fc.oneof(
  { weight: 8, arbitrary: jsonObjectText.map(json) },
  { weight: 1, arbitrary: fc.json().map(json) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        '',
        '{',
        'null',
        '[]',
        '"text"',
        '1e999',
        '{"a":',
        '\u0000',
        '{"name": "\\u0000"}',
        '{"__proto__": {"admin": true}}',
        deepJson(5_000),
        deepArray(5_000),
        `{"metadata": ${deepJson(5_000)}, "email": "deep@example.test"}`,
        `{"invitations": [{"email": "deep@example.test", "metadata": ${deepJson(5_000)}}]}`,
      )
      .map(json),
  },
);

/** CSV for the bulk import: malformed cells, prototype roles, broken quoting. */
export const nastyCsv: fc.Arbitrary<BodyPart> = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom('email', 'role', ...PROTOTYPE_KEYS), nastyString), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.array(
      fc.array(
        fc.oneof(fc.emailAddress(), fc.constantFrom(...PROTOTYPE_KEYS, '"unclosed'), nastyString),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      { maxLength: 4 },
    ),
  )
  .map(([header, rows]) => ({
    text: [header, ...rows].map((cells) => cells.join(',')).join('\n'),
    contentType: 'text/csv',
  }));

const cursorDate = fc
  .tuple(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
  )
  .map(([y, mo, d, h, mi]) => {
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(y, 4)}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}:00.000001+00`;
  });

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors that decode to impossible dates, wrong shapes, NULs, or do not decode at all. */
export const nastyCursor: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(cursorDate, nastyString).map(([date, id]) => base64url(JSON.stringify([date, id]))),
  fc
    .tuple(cursorDate, nastyString)
    .map(([date, id]) => base64url(`${date.replace(' ', 'T').replace('001+00', 'Z')}|${id}`)),
  nastyValue.map((value) => base64url(JSON.stringify(value) ?? '')),
  nastyString,
);

export const QUERY_KEYS = [
  'limit',
  'cursor',
  'status',
  'dryRun',
  'to',
  'token',
  'callbackURL',
  'email',
];

/** Query parameters (already encoded): wrong numbers, bad cursors, odd keys, raw bad escapes. */
export const nastyQuery: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...QUERY_KEYS, ...PROTOTYPE_KEYS), nastyString),
        fc.oneof(nastyString, nastyCursor, fc.integer().map(String)),
      ),
      { maxLength: 4 },
    ),
    fc.constantFrom('', '', '', '&%zz=%E0%A4%A', '&limit=1&limit=2', '&%00'),
  )
  .map(
    ([pairs, raw]) =>
      pairs.map(([key, value]) => `${encodeLoosely(key)}=${encodeLoosely(value)}`).join('&') + raw,
  );

/**
 * Percent-encodes every character, lone surrogates included (encodeURIComponent throws on them:
 * they become the bytes of an invalid UTF-8 sequence, which is exactly the odd input wanted).
 */
export function encodeLoosely(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out += code >= 0xd800 && code <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(char);
  }
  return out;
}

/** One bad value: the kinds that have reached the database or the stack before. */
export const poison: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    'a\u0000b',
    '\u0000',
    'Name\r\nBcc: someone@example.test',
    'lone \ud800 surrogate',
    'right-to-left \u202e override',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'javascript:alert(1)',
    '-1',
    '0',
    '1e309',
    '',
    null,
    42,
    -1,
    true,
    [],
    {},
    { __proto__: null, constructor: 'x' },
    DEEP,
    'x'.repeat(1_000_000),
  ),
  nastyCursor,
  nastyString,
);

/** Where the poison goes: a path parameter, a query parameter or one spot of the body. */
export type Spot =
  | { in: 'param'; index: number }
  | { in: 'query'; key: string }
  | { in: 'body'; key: string }
  | { in: 'metadata'; key: string }
  | { in: 'metadataKey' }
  | { in: 'row'; key: string };

export const spot = (params: number, hasBody: boolean): fc.Arbitrary<Spot> =>
  fc.oneof(
    ...(params ? [fc.nat({ max: params - 1 }).map((index): Spot => ({ in: 'param', index }))] : []),
    fc.constantFrom(...QUERY_KEYS).map((key): Spot => ({ in: 'query', key })),
    ...(hasBody
      ? [
          fc.constantFrom(...FIELDS).map((key): Spot => ({ in: 'body', key })),
          fc.constantFrom('team', 'note').map((key): Spot => ({ in: 'metadata', key })),
          fc.constant<Spot>({ in: 'metadataKey' }),
          fc.constantFrom('email', 'role', 'metadata').map((key): Spot => ({ in: 'row', key })),
        ]
      : []),
  );

/** The body as text, with DEEP markers replaced by 5,000 levels of nesting. */
export function bodyText(value: unknown): string {
  return JSON.stringify(value).replaceAll(JSON.stringify(DEEP), deepJson(5_000));
}

export const asText = (value: unknown): string =>
  typeof value === 'string' ? (value === DEEP ? deepJson(5_000) : value) : bodyText(value);
