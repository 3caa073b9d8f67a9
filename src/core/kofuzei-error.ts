import type { ErrorCode } from './codes.js';

/** Base class of every error kofuzei throws on purpose; `code` is stable, SCREAMING_SNAKE. */
export class KofuzeiError extends Error {
  override name = 'KofuzeiError';
  /** One of the refusal codes of src/core/codes.ts (listed in docs/codes.md). */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
