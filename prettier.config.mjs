// Prettier, matching the code as it is written: single quotes, trailing commas, lines up to 120 characters.
// `embeddedLanguageFormatting: 'off'`: Prettier never rewrites the html`` and css`` templates (Lit templates
// are laid out by hand, and whitespace inside them can be rendered text).
// `npm run format:check` checks the code files (TypeScript and JavaScript) in `npm test`, after the linter.
export default {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
  embeddedLanguageFormatting: 'off',
};
