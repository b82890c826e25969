// specloom's own configuration: the Linode Personal Access Tokens API into generated/.
import { defineConfig } from 'specloom/config';

export default defineConfig({
  spec: 'spec/linode-tokens.yaml',
  out: 'generated',
  targets: ['client', 'schemas', 'mocks', 'stackql-docs', 'stackql-provider'],
});
