import type { ConfigProblem } from '../core/config/config-problem';
import type { LoadedConfig } from '../core/config/loaded-config';
import { CoreConfig } from '../core/config/core-config';
import type { SinkDefinition } from './registry';

export type SinkSelection =
  | { readonly ok: true; readonly sinks: readonly SinkDefinition[] }
  | { readonly ok: false; readonly problems: ConfigProblem[] };

/**
 * `sinks = a, b` when given. Otherwise as the C original: `file_log` alone means file output only;
 * else MozDef when configured; else stdout.
 */
export function selectSinks(config: LoadedConfig, definitions: readonly SinkDefinition[]): SinkSelection {
  const named = config.section(CoreConfig).sinks;
  if (named && named.length > 0) {
    const problems: ConfigProblem[] = [];
    const chosen: SinkDefinition[] = [];
    for (const name of new Set(named)) {
      const definition = definitions.find((d) => d.name === name);
      if (definition) chosen.push(definition);
      else problems.push(config.problemAt('sinks', `unknown sink "${name}" (known: ${definitions.map((d) => d.name).join(', ')})`));
    }
    return problems.length > 0 ? { ok: false, problems } : { ok: true, sinks: chosen };
  }
  for (const preferred of ['file', 'mozdef']) {
    const definition = definitions.find((d) => d.name === preferred);
    if (definition?.isConfigured(config.section(definition.configSection))) return { ok: true, sinks: [definition] };
  }
  const stdout = definitions.find((d) => d.name === 'stdout');
  return stdout ? { ok: true, sinks: [stdout] } : { ok: false, problems: [{ key: 'sinks', message: 'no sink configured' }] };
}
