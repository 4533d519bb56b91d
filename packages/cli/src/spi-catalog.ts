/**
 * One SPI scenario the `spi` command can call, with its sample request body.
 *
 * @example
 * ```ts
 * const [first] = spiCatalog();
 * ```
 */
export interface SpiCatalogEntry {
  scenario: string;
  description: string;
  body: Record<string, unknown>;
}

/**
 * SPI scenarios known to core's SPI module (empty until `@douyin-push/core/spi` lands).
 *
 * @example
 * ```ts
 * for (const { scenario } of spiCatalog()) console.log(scenario);
 * ```
 */
export function spiCatalog(): SpiCatalogEntry[] {
  return [];
}
