/**
 * A syscall argument as a number: hex as the kernel writes it (a0...: no 0x), or with 0x as `ausearch -i`
 * writes it in interpreted logs; undefined if it is not one.
 */
export function hexArgument(value: string | undefined): number | undefined {
  if (value === undefined || !/^(0x)?[0-9a-f]{1,16}$/i.test(value)) return undefined;
  return Number.parseInt(value, 16);
}
