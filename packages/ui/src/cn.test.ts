import { describe, expect, it } from 'vitest';
import { buttonClasses } from './button';
import { cn } from './cn';

describe('cn', () => {
  it('joins truthy class names and skips falsy ones', () => {
    expect(cn('a', false, null, undefined, '', 0, 'b', true)).toBe('a b');
  });

  it('flattens arrays and reads object conditions', () => {
    expect(cn(['a', ['b', { c: true, d: false }]], { e: 1 > 0, f: null })).toBe('a b c e');
  });

  it('trims whitespace around strings', () => {
    expect(cn('  a  ', ' ')).toBe('a');
  });
});

describe('buttonClasses', () => {
  it('defaults to a medium primary button with a focus ring', () => {
    const classes = buttonClasses();
    expect(classes).toContain('bg-brand-600');
    expect(classes).toContain('h-9');
    expect(classes).toContain('focus-visible:outline-2');
  });

  it('applies variant, size, full width and extra classes', () => {
    const classes = buttonClasses({
      variant: 'danger',
      size: 'lg',
      fullWidth: true,
      className: 'mt-4',
    });
    expect(classes).toContain('bg-red-600');
    expect(classes).toContain('h-11');
    expect(classes).toContain('w-full');
    expect(classes.endsWith('mt-4')).toBe(true);
    expect(classes).not.toContain('bg-brand-600');
  });
});
