import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const restrictedPaths = [
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
]

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
          paths: restrictedPaths,
        },
      ],
    },
  },
  {
    // A provider's behaviour loads in a chunk of its own. Importing its description (or the input
    // schemas, or zod) there would put zod in two chunks, and the bundler then stops inlining it
    // into the main one: every start got measurably slower. The registry passes the description.
    files: ['src/providers/*/**/*.ts'],
    ignores: ['src/providers/*/description.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: restrictedPaths,
          patterns: [
            {
              group: ['./description.js', '**/inputs/schemas.js', 'zod/mini'],
              allowTypeImports: true,
              message: 'Import the description for its types only: the registry (src/providers/index.ts) gives the class its description.',
            },
          ],
        },
      ],
    },
  },
)
