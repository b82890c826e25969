// specloom's own configuration: the Linode Personal Access Tokens API into generated/.
import type { SpecloomConfig } from './generator/config.js';

const config: SpecloomConfig = {
  spec: 'spec/linode-tokens.yaml',
  out: 'generated',
};

export default config;
