import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Alert } from './alert';
import { fieldAria, FormField } from './form-field';

describe('fieldAria', () => {
  it('describes the control by its error and hint', () => {
    expect(fieldAria('email', { hint: true, error: true })).toEqual({
      hintId: 'email-hint',
      errorId: 'email-error',
      'aria-invalid': true,
      'aria-describedby': 'email-error email-hint',
    });
  });

  it('sets nothing when there is neither hint nor error', () => {
    const aria = fieldAria('email', {});
    expect(aria['aria-invalid']).toBeUndefined();
    expect(aria['aria-describedby']).toBeUndefined();
  });

  it('keeps a caller-provided description id', () => {
    expect(fieldAria('x', { error: true, describedBy: 'extra' })['aria-describedby']).toBe(
      'extra x-error',
    );
  });
});

describe('FormField', () => {
  it('binds the label to the input and wires the inline error', () => {
    const html = renderToStaticMarkup(
      <FormField
        id="email"
        label="Email"
        type="email"
        error="Enter a valid e-mail address"
        hint="We never share it"
      />,
    );
    expect(html).toContain(
      '<label class="block text-sm/6 font-medium text-gray-900" for="email">Email</label>',
    );
    expect(html).toMatch(
      /<input[^>]*id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-error email-hint"/,
    );
    expect(html).toContain('id="email-error"');
    expect(html).toContain('Enter a valid e-mail address');
    expect(html).toContain('id="email-hint"');
  });

  it('generates an id when none is given', () => {
    const html = renderToStaticMarkup(<FormField label="Name" />);
    const id = /for="([^"]+)"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    expect(html).toContain(`id="${id}"`);
    expect(html).not.toContain('aria-invalid="');
    expect(html).not.toContain('aria-describedby=');
  });

  it('gives password fields a labelled show/hide toggle', () => {
    const html = renderToStaticMarkup(<FormField id="pw" label="Password" type="password" />);
    expect(html).toContain('type="password"');
    expect(html).toContain('aria-label="Show password"');
    expect(html).toContain('aria-pressed="false"');
  });
});

describe('Alert', () => {
  it('announces errors with role="alert" and other messages with role="status"', () => {
    expect(renderToStaticMarkup(<Alert variant="error">Nope</Alert>)).toContain('role="alert"');
    expect(renderToStaticMarkup(<Alert variant="success">Yes</Alert>)).toContain('role="status"');
  });
});
