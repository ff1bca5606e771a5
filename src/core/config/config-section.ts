/**
 * A config section is a class whose property names are the config keys, exactly as written in
 * audisp-json.conf (snake_case). Every property is initialised with its default (`= undefined` when
 * there is none) so that `Object.keys(new Section())` lists the keys the section owns, and carries
 * class-validator decorators. Properties are typed `string`, `number`, `boolean` or `string[]`: the
 * loader converts the file's text by the property's `design:type` (yes/no/true/false/1/0 for booleans,
 * comma- or space-separated lists) and leaves unconvertible text for the validator to report.
 */
export type ConfigSectionClass<T extends object = object> = new () => T;

/** The keys a section owns. */
export function sectionKeys(section: ConfigSectionClass): string[] {
  return Object.keys(new section());
}
