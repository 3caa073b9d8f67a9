/** Base class of every error kofuzei throws on purpose; `code` is stable, SCREAMING_SNAKE. */
export class KofuzeiError extends Error {
  override name = 'KofuzeiError';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}
