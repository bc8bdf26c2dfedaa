import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // What every run loads at start is kept small (npm run bench, README "Performance"): these
    // packages are loaded where they are needed, or through the light modules named here.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@actions/core',
              message: "Import ./core.js, which speaks the runner's protocol itself: the package's entry also loads @actions/http-client and undici 6 (see src/core.ts).",
            },
            {
              name: '@actions/github',
              message: 'Load it with await import() where Octokit is needed; for the context of the run, see src/github-context.ts.',
              allowTypeImports: true,
            },
            { name: 'undici', message: 'Load it with await import() where a request is sent, as src/http/client.ts does.', allowTypeImports: true },
            { name: 'zod', message: "Use zod/mini, as src/inputs/schemas.ts does: classic zod is larger to load in every run." },
          ],
        },
      ],
    },
  },
)
