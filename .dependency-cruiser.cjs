/**
 * Import cycles, type-only imports included (import-x/no-cycle in eslint.config.js skips `import type`).
 * A cycle between modules means neither can be understood, moved or tested without the other.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycle (type-only imports count): move the shared piece to the module both depend on.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^out/', '^node_modules/', '^tests/architecture/fixtures/'] },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
