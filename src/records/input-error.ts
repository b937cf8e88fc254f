/** Input the parent gave (or a file they chose) that cannot be accepted; the message says why. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
