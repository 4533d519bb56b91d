/**
 * The path of a request URL (`/a/b?x=1` or absolute) without query, hash or trailing slash.
 *
 * @example
 * ```ts
 * requestPath('/douyin/webhook/?x=1'); // '/douyin/webhook'
 * ```
 */
export function requestPath(url: string): string {
  let path = url;
  if (!path.startsWith('/')) {
    try {
      path = new URL(path).pathname;
    } catch {
      // Not absolute either: compare it as it is.
    }
  }
  const end = path.search(/[?#]/);
  if (end !== -1) path = path.slice(0, end);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * Whether a request URL is for `path`: exact path, query ignored, one trailing slash allowed.
 * An `undefined` path matches every URL (the framework already routed the request).
 *
 * @example
 * ```ts
 * matchesPath('/douyin/webhook?x=1', '/douyin/webhook'); // true
 * matchesPath('/douyin/webhook/other', '/douyin/webhook'); // false
 * ```
 */
export function matchesPath(url: string | undefined, path: string | undefined): boolean {
  if (path === undefined || url === path) return true;
  return requestPath(url ?? '/') === requestPath(path);
}
