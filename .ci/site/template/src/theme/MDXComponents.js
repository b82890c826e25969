// The theme's MDX components plus CopyableCode, so pages may use it without importing it (as StackQL's sites do).
import MDXComponents from '@theme-original/MDXComponents';
import CopyableCode from '@site/src/components/CopyableCode/CopyableCode';

export default { ...MDXComponents, CopyableCode };
