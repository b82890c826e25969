// Builds dist/: ES module and CommonJS, each with its own type declarations.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/mocks.ts', 'src/schemas.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
});
