/**
 * The parts of class-validator we use, each loaded from its own file. Its index loads every validator
 * it has (phone numbers, IBANs...): 140 ms at every start of the plugin, where these files take 15 ms.
 * The types are the package's own; a test checks that every name resolves.
 */
import type * as ClassValidator from 'class-validator';

type Api = typeof ClassValidator;

function load<K extends keyof Api>(file: string, name: K): Api[K] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const value = (require(`class-validator/cjs/${file}`) as Api)[name];
  if (value === undefined) throw new Error(`class-validator/cjs/${file} has no ${String(name)}`);
  return value;
}

export type { ValidationError, ValidationOptions } from 'class-validator';

export const IsOptional = load('decorator/common/IsOptional', 'IsOptional');
export const ValidateBy = load('decorator/common/ValidateBy', 'ValidateBy');
export const IsIn = load('decorator/common/IsIn', 'IsIn');
export const IsBoolean = load('decorator/typechecker/IsBoolean', 'IsBoolean');
export const IS_BOOLEAN = load('decorator/typechecker/IsBoolean', 'IS_BOOLEAN');
export const IsInt = load('decorator/typechecker/IsInt', 'IsInt');
export const IS_INT = load('decorator/typechecker/IsInt', 'IS_INT');
export const IsNumber = load('decorator/typechecker/IsNumber', 'IsNumber');
export const IS_NUMBER = load('decorator/typechecker/IsNumber', 'IS_NUMBER');
export const IsString = load('decorator/typechecker/IsString', 'IsString');
export const IS_ARRAY = load('decorator/typechecker/IsArray', 'IS_ARRAY');
export const Matches = load('decorator/string/Matches', 'Matches');
export const IsUrl = load('decorator/string/IsUrl', 'IsUrl');
export const MinLength = load('decorator/string/MinLength', 'MinLength');
export const Max = load('decorator/number/Max', 'Max');
export const MAX = load('decorator/number/Max', 'MAX');
export const Min = load('decorator/number/Min', 'Min');
export const MIN = load('decorator/number/Min', 'MIN');
export const IS_NEGATIVE = load('decorator/number/IsNegative', 'IS_NEGATIVE');
export const IS_POSITIVE = load('decorator/number/IsPositive', 'IS_POSITIVE');
export const ARRAY_MAX_SIZE = load('decorator/array/ArrayMaxSize', 'ARRAY_MAX_SIZE');
export const ARRAY_MIN_SIZE = load('decorator/array/ArrayMinSize', 'ARRAY_MIN_SIZE');
export const ARRAY_NOT_EMPTY = load('decorator/array/ArrayNotEmpty', 'ARRAY_NOT_EMPTY');
export const ARRAY_UNIQUE = load('decorator/array/ArrayUnique', 'ARRAY_UNIQUE');
export const getMetadataStorage = load('metadata/MetadataStorage', 'getMetadataStorage');

const getFromContainer = load('container', 'getFromContainer');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Validator } = require('class-validator/cjs/validation/Validator') as { Validator: new () => { validateSync: Api['validateSync'] } };

/** class-validator's validateSync(object, options), as its index defines it. */
export const validateSync = ((object: object, options?: ClassValidator.ValidatorOptions) =>
  getFromContainer(Validator).validateSync(object, options)) as (object: object, options?: ClassValidator.ValidatorOptions) => ClassValidator.ValidationError[];
