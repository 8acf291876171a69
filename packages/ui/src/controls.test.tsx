import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Meter, ProgressBar } from './progress';
import { SelectField } from './select';
import { TextareaField } from './textarea';

describe('SelectField and TextareaField', () => {
  it('bind the label and wire the error and hint', () => {
    const select = renderToStaticMarkup(
      <SelectField id="role" label="Role" error="Not allowed" hint="Pick one" defaultValue="a">
        <option value="a">A</option>
      </SelectField>,
    );
    expect(select).toContain('for="role"');
    expect(select).toContain('aria-invalid="true"');
    expect(select).toContain('aria-describedby="role-error role-hint"');

    const textarea = renderToStaticMarkup(
      <TextareaField id="emails" label="Emails" hint="Commas" />,
    );
    expect(textarea).toContain('for="emails"');
    expect(textarea).toContain('aria-describedby="emails-hint"');
    expect(textarea).not.toContain('aria-invalid=');
  });
});

describe('ProgressBar and Meter', () => {
  it('expose their values to assistive technology', () => {
    const bar = renderToStaticMarkup(
      <ProgressBar label="Uploading" value={30} max={60} valueText="30 of 60 rows" />,
    );
    expect(bar).toContain('role="progressbar"');
    expect(bar).toContain('aria-valuenow="30"');
    expect(bar).toContain('aria-valuetext="30 of 60 rows"');
    expect(bar).toContain('width:50%');

    const indeterminate = renderToStaticMarkup(<ProgressBar label="Sending" />);
    expect(indeterminate).not.toContain('aria-valuenow');

    const meter = renderToStaticMarkup(<Meter label="Seats used" value={6} max={5} />);
    expect(meter).toContain('role="meter"');
    expect(meter).toContain('aria-valuenow="5"');
    expect(meter).toContain('bg-red-500');
  });
});
