// The Content Security Policy of the console's page, in Electron and in the browser host alike.
// `connect-src 'self'` lets the browser host's bridge reach its own socket (ws: on the same origin is
// covered by 'self' in current Chromium); styles may be inline because Vue sets style attributes.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
