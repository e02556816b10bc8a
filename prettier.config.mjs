// Prettier, matching the code as it is written: single quotes, trailing commas, lines up to 120 characters.
// `embeddedLanguageFormatting: 'off'`: Prettier never rewrites the html`` and css`` templates (Lit templates
// are laid out by hand, and whitespace inside them can be rendered text).
// `npm run format:check` checks; it is not in `npm test` yet (the tree is formatted once, after the merges).
export default {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
  embeddedLanguageFormatting: 'off',
};
