/** The headers of a page the server serves itself (GraphiQL, the console): its CSP, no sniffing, no referrer. */
export const pageSecurityHeaders = (contentSecurityPolicy: string) => ({
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});
