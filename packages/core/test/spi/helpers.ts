import { buildSpiRequest, type BuildSpiRequestInput, type DouyinSpi } from '@douyin-push/core/spi';
export { deferred } from '../helpers.js';

export const SECRET = 'spi_test_secret';

/** Sends a signed SPI request to a receiver through its web entry, with a real `Request`. */
export async function send(
  spi: DouyinSpi,
  input: Omit<BuildSpiRequestInput, 'secret'> & { secret?: string },
): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const req = buildSpiRequest({ secret: SECRET, ...input });
  const response = await spi.handleRequest(new Request(new URL(req.url, 'https://merchant.example'), req));
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** Asserts the Douyin envelope and that `error_code` is a JSON number (never `"0"`). */
export function expectEnvelope(text: string): { error_code: number; description: string; [k: string]: unknown } {
  const parsed = JSON.parse(text) as { data?: { error_code?: unknown; description?: unknown } };
  if (typeof parsed.data !== 'object' || parsed.data === null) throw new Error(`no data envelope in ${text}`);
  if (typeof parsed.data.error_code !== 'number') throw new Error(`error_code is not a number in ${text}`);
  if (!/"error_code":\d+[,}]/.test(text)) throw new Error(`error_code is not a bare JSON number in ${text}`);
  if (typeof parsed.data.description !== 'string') throw new Error(`description is not a string in ${text}`);
  return parsed.data as never;
}
