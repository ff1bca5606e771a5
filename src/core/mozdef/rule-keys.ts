/** A syscall matching rules with several keys carries them joined by 0x01: show them as `a,b`. */
export function ruleKeys(key: string | undefined): string | undefined {
  return key !== undefined && key.includes('\x01') ? key.split('\x01').join(',') : key;
}
