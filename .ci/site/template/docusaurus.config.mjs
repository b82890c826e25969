// The site that build.mjs copies a generated docs folder into (as docs/) and builds with Docusaurus 3: docs served at
// the site root, like StackQL's provider sites, every .md file compiled as MDX, and a broken link fails the build.
// build.mjs sets SPECLOOM_DOCS_CHECK=1: Docusaurus then logs broken links instead of stopping at them, so that one
// build lists them all, and build.mjs fails on any of them itself (it checks anchors in the built HTML, exactly).
const check = process.env.SPECLOOM_DOCS_CHECK === '1';

export default {
  title: 'specloom docs check',
  url: 'https://docs-check.invalid',
  baseUrl: '/',
  onBrokenLinks: check ? 'warn' : 'throw',
  onBrokenAnchors: check ? 'ignore' : 'warn',
  onDuplicateRoutes: 'throw',
  markdown: {
    // MDX for .md files too (JSX, imports): 'detect' would read .md as CommonMark and show the JSX as text.
    format: 'mdx',
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },
  presets: [
    [
      '@docusaurus/preset-classic',
      {
        docs: { path: 'docs', routeBasePath: '/', sidebarPath: './sidebars.mjs' },
        blog: false,
        pages: false,
        sitemap: false,
        svgr: false,
      },
    ],
  ],
};
