/**
 * The flags of `makemore sample` that make a generate request, read by the one parser of a
 * request (shared/generateRequest.ts): the CLI checks the values with the editor's checks and
 * says the editor's messages. No Node-only API, so it is unit-tested.
 */
import type { BackendName } from '../core/backend';
import type { GenerateRequest } from '../core/constraints';
import { InputError } from '../core/errors';
import type { NameFormat } from '../core/nameExport';
import { parseGenerateRequest, problemsText } from '../shared/generateRequest';

/** Most names one `makemore sample` makes (the editor's limit is lower). */
export const CLI_MAX_COUNT = 100_000;

/** The flags as given: the request's values as typed (checked by shared/generateRequest.ts), the rest parsed by commander. */
export interface SampleFlags {
  count: string | number;
  temperature: string | number;
  topK: string | number;
  startsWith?: string;
  prefix?: string;
  endsWith?: string;
  contains?: string[];
  exclude?: string[];
  minLength?: string;
  maxLength?: string;
  newOnly?: boolean;
  /** The same as newOnly (the flag of earlier versions). */
  novel?: boolean;
  minEdits?: string;
  maxTries?: string;
  seed?: number;
  format: NameFormat;
  json?: boolean;
  backend: BackendName;
}

/**
 * A repeatable flag's values, each taken whole: `--contains ", " --contains ann` → [", ", "ann"].
 * (A comma separates texts only for a model without a comma: core/constraints.ts constraintTexts.)
 */
export function collectValues(raw: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), raw];
}

/** The request of the flags, through the one parser (the editor's checks and messages); throws InputError. */
export function requestFromFlags(flags: SampleFlags): GenerateRequest {
  const parsed = parseGenerateRequest(
    {
      count: flags.count,
      temperature: flags.temperature,
      topK: flags.topK,
      startsWith: flags.startsWith ?? flags.prefix,
      endsWith: flags.endsWith,
      contains: flags.contains,
      excludes: flags.exclude,
      minLength: flags.minLength,
      maxLength: flags.maxLength,
      newOnly: flags.newOnly || flags.novel ? true : undefined,
      minEdits: flags.minEdits,
      maxTries: flags.maxTries,
    },
    { maxCount: CLI_MAX_COUNT },
  );
  if (!parsed.ok) throw new InputError(problemsText(parsed.problems));
  return parsed.request;
}
