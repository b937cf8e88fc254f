/**
 * Puts the Content-Security-Policy in the built index.html as a <meta> element, so a static host
 * without custom headers still enforces it. Build only: the dev server's hot reload injects
 * styles the policy forbids.
 */
import type { Plugin } from 'vite';
import { cspMetaTag } from './content-security-policy.ts';

export function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'crydecode-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [cspMetaTag()],
  };
}
