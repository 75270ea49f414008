import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: adapter({ out: 'build', precompress: false }),
    // Scripts run only from our own origin or with SvelteKit's per-response nonce/hash: no 'unsafe-inline'.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'https:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'object-src': ['none'],
      },
    },
    // SvelteKit's own Origin check on form posts is on by default (no other origin is trusted: the
    // deprecated `csrf.checkOrigin` is not set); hooks.server.ts adds a CSRF token on top.
    typescript: {
      // @tingsted/text declares the untyped `snowball-stemmers` in a file its sources do not import; the
      // platform now imports @tingsted/text, so the check needs that file (paths are from .svelte-kit/).
      config: (tsconfig) => ({ ...tsconfig, include: [...tsconfig.include, '../../../packages/text/src/snowball-stemmers.d.ts'] }),
    },
  },
};

export default config;
