import * as z from 'zod';

/**
 * A string enum that still accepts values Douyin adds later. The known values stay literal in
 * the type (autocomplete, narrowing), and an unseen one is delivered as a plain string instead
 * of failing validation: an authentic push is never dropped because we are stricter than Douyin.
 *
 * @example
 * ```ts
 * const status = openEnum(['PASS', 'FAIL']); // type: 'PASS' | 'FAIL' | (string & {})
 * status.parse('REVIEWING'); // 'REVIEWING'
 * ```
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  // At run time this is `z.string()`: a union with `z.enum(values)` accepted exactly the same
  // strings and cost zod a try of each branch (a tenth of a certificate push's schema check and
  // 145 bytes per push, bench/README.md). `values` lives on in the type only.
  void values;
  return z.string() as unknown as z.ZodType<T[number] | (string & {}), string>;
}

/**
 * An integer Douyin documents as a number but that SDKs have seen sent as a numeric string
 * (amounts, timestamps). Accepts both, yields a number.
 *
 * @example
 * ```ts
 * lenientInt.parse('100'); // 100
 * ```
 */
export const lenientInt = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/**
 * An id Douyin documents as a string but that has been seen as a JSON number. Yields a string.
 *
 * @example
 * ```ts
 * lenientId.parse(7376546762393143333n.toString()); // '7376546762393143333'
 * ```
 */
export const lenientId = z.union([z.string(), z.number().transform(String)]);
