import tseslint from 'typescript-eslint';

/** Shared flat config: TypeScript-aware rules that catch bugs, not style (Prettier owns style). */
export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'drizzle/**', '.data/**', 'node_modules/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['warn', { allow: ['warn', 'error', 'info'] }],
    },
  },
);
