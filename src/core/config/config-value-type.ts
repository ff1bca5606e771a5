import 'reflect-metadata';
import {
  ARRAY_MAX_SIZE, ARRAY_MIN_SIZE, ARRAY_NOT_EMPTY, ARRAY_UNIQUE, IS_ARRAY, IS_BOOLEAN, IS_INT, IS_NUMBER,
  IS_NEGATIVE, IS_POSITIVE, MAX, MIN, getMetadataStorage,
} from './validators';
import type { ConfigSectionClass } from './config-section';

/** What a key's text is converted to. */
export type ConfigValueType = typeof String | typeof Number | typeof Boolean | typeof Array;

const NUMBER_VALIDATORS = new Set([IS_NUMBER, IS_INT, MIN, MAX, IS_POSITIVE, IS_NEGATIVE]);
const ARRAY_VALIDATORS = new Set([IS_ARRAY, ARRAY_NOT_EMPTY, ARRAY_MIN_SIZE, ARRAY_MAX_SIZE, ARRAY_UNIQUE]);

/**
 * The type of a section's key. tsc's `design:type` is the first choice, but it is only precise for an
 * explicit annotation without `| undefined`: checked here with TypeScript 5.9, `x = 2` and
 * `x: string[] | undefined` are both recorded as Object (`x?: string[]` is recorded as Array).
 * So when it says Object or nothing, the default value's type decides, and when the default is
 * undefined, the property's validators do (`each: true` or an array validator: a list; IsNumber, IsInt,
 * Min, Max...: a number; IsBoolean: a boolean); anything else is a string.
 */
export function configValueType(section: ConfigSectionClass, key: string, defaultValue: unknown): ConfigValueType {
  const recorded: unknown = Reflect.getMetadata('design:type', section.prototype, key);
  if (recorded === String || recorded === Number || recorded === Boolean || recorded === Array) {
    return recorded as ConfigValueType;
  }
  if (typeof defaultValue === 'number') return Number;
  if (typeof defaultValue === 'boolean') return Boolean;
  if (Array.isArray(defaultValue)) return Array;
  if (typeof defaultValue === 'string') return String;
  return typeFromValidators(section, key);
}

function typeFromValidators(section: ConfigSectionClass, key: string): ConfigValueType {
  const validators = getMetadataStorage()
    .getTargetValidationMetadatas(section, '', true, false)
    .filter((metadata) => metadata.propertyName === key);
  if (validators.some((v) => v.each || ARRAY_VALIDATORS.has(v.name ?? ''))) return Array;
  if (validators.some((v) => v.name === IS_BOOLEAN)) return Boolean;
  if (validators.some((v) => NUMBER_VALIDATORS.has(v.name ?? ''))) return Number;
  return String;
}
