/**
 * A config section is a class whose property names are the config keys, exactly as written in
 * audisp-json.conf (snake_case). Every property is initialised with its default (`= undefined` when
 * there is none) so that `Object.keys(new Section())` lists the keys the section owns, and carries
 * class-validator decorators. Properties are typed `string`, `number`, `boolean` or `string[]`: the
 * loader converts the file's text to that type (yes/no/true/false/on/off/1/0 for booleans, comma- or
 * space-separated lists) and reports text it cannot convert (see convert-config-value.ts).
 *
 * How the type is found (config-value-type.ts): tsc's `design:type` is Object for an inferred type
 * (`x = 2`) and for `T | undefined`, so the loader then uses the default's type, and for an undefined
 * default the validators (`each: true` or an array validator: list; IsNumber/IsInt/Min/Max: number;
 * IsBoolean: boolean; else string). `x?: string[] = undefined` records Array precisely.
 */
export type ConfigSectionClass<T extends object = object> = new () => T;

/** The keys a section owns. */
export function sectionKeys(section: ConfigSectionClass): string[] {
  return Object.keys(new section());
}
