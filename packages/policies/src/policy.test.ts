import { describe, expect, it } from 'vitest';
import { definePolicy, type Policy } from './policy';
import { allow } from './result';

describe('definePolicy()', () => {
  it('returns a frozen policy with the given id, description and evaluate', () => {
    const evaluate = async () => allow();
    const policy = definePolicy<{ userId: string }>({
      id: 'project-create.member-only',
      description: 'Only members can create projects',
      evaluate,
    });

    expect(policy.id).toBe('project-create.member-only');
    expect(policy.description).toBe('Only members can create projects');
    expect(policy.evaluate).toBe(evaluate);
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('rejects a missing or blank id', () => {
    const evaluate = async () => allow();

    expect(() => definePolicy({ id: '', evaluate })).toThrow(/non-empty string id/);
    expect(() => definePolicy({ id: '   ', evaluate })).toThrow(/non-empty string id/);
    expect(() => definePolicy({ evaluate } as unknown as Policy<unknown>)).toThrow(
      /non-empty string id/,
    );
  });

  it('rejects a missing evaluate function, naming the policy', () => {
    expect(() => definePolicy({ id: 'broken' } as unknown as Policy<unknown>)).toThrow(
      'Policy "broken" needs an evaluate function',
    );
  });
});
