// Serves the built renderer from one folder, and nothing outside it.
import fs from 'node:fs'
import path from 'node:path'
import type http from 'node:http'
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** The file a URL path names inside `root`, or null when it would step outside it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const resolved = path.resolve(root, relative)
  return resolved === root || resolved.startsWith(root + path.sep) ? resolved : null
}

export function serveStatic(root: string, request: http.IncomingMessage, response: http.ServerResponse): void {
  const absoluteRoot = path.resolve(root)
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  const file = resolveStaticPath(absoluteRoot, url.pathname)
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return
  }
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  })
  if (request.method === 'HEAD') response.end()
  else fs.createReadStream(file).pipe(response)
}
