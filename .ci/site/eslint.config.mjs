// ESLint for .ci/site (ESLint takes the config nearest to each file): build.mjs and the site template, not the sites
// it builds under work/ (bundles, generated modules).
import js from '@eslint/js';

const node = { process: 'readonly', console: 'readonly', URL: 'readonly' };
const browser = { navigator: 'readonly', setTimeout: 'readonly' };

export default [
  { ignores: ['work/**', 'node_modules/**', 'build/**', '.docusaurus/**'] },
  js.configs.recommended,
  { files: ['**/*.mjs'], languageOptions: { globals: node } },
  { files: ['template/**/*.js'], languageOptions: { globals: browser, parserOptions: { ecmaFeatures: { jsx: true } } } },
];
