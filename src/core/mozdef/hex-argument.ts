/** A syscall argument as the kernel writes it (a0...: hex, no 0x) as a number; undefined if it is not one. */
export function hexArgument(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9a-f]{1,16}$/i.test(value)) return undefined;
  return Number.parseInt(value, 16);
}
