/**
 * The end of every switch over a message or event union: it compiles only when each member has
 * its case (enforced by typescript-eslint's switch-exhaustiveness-check), and throws if a value
 * the types say cannot exist arrives anyway (a message from a newer or a broken peer).
 */
export function assertNever(value: never, what = 'value'): never {
  const type = typeof value === 'object' && value !== null && 'type' in value ? String((value as { type: unknown }).type) : String(value);
  throw new Error(`Unexpected ${what}: ${type}`);
}
