import type { ConfigProblem } from '../core/config/config-problem';
import type { LoadedConfig } from '../core/config/loaded-config';
import { CoreConfig } from '../core/config/core-config';
import type { SinkDefinition } from './registry';

export type SinkSelection =
  | { readonly ok: true; readonly sinks: readonly SinkDefinition[] }
  | { readonly ok: false; readonly problems: ConfigProblem[] };

/**
 * `sinks = a, b` when given. Otherwise as the C original: `file_log` alone means file output only; then
 * every sink whose destination is written (fluentd_host, kafka_brokers); else MozDef (mozdef_url has a
 * default, as in the original); else stdout.
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
  const configured = (name: string) => definitions.filter((d) => d.name === name && d.isConfigured(config.section(d.configSection)));
  const file = configured('file');
  if (file.length > 0) return { ok: true, sinks: file };
  const explicit = definitions.filter(
    (d) => !['file', 'mozdef', 'stdout'].includes(d.name) && d.isConfigured(config.section(d.configSection)),
  );
  if (explicit.length > 0) return { ok: true, sinks: explicit };
  const fallback = [...configured('mozdef'), ...definitions.filter((d) => d.name === 'stdout')];
  return fallback.length > 0 ? { ok: true, sinks: fallback.slice(0, 1) } : { ok: false, problems: [{ key: 'sinks', message: 'no sink configured' }] };
}
