/** Injection tokens. Every constructor parameter of an injectable class names one with @inject. */
export const TOKENS = {
  config: Symbol('LoadedConfig'),
  coreConfig: Symbol('CoreConfig'),
  logger: Symbol('Logger'),
  stats: Symbol('Stats'),
  hostname: Symbol('Hostname'),
  sinkDefinition: Symbol('SinkDefinition'),
  formatterOptions: Symbol('MozDefFormatterOptions'),
  chains: Symbol('DeliveryChains'),
} as const;
