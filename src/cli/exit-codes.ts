/** docs/contract.md §5.3: 0 ok, 1 failed test or rule errors, 2 unusable input or arguments. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_UNUSABLE = 2;
/** A bug in kofuzei itself (sysexits EX_SOFTWARE); never expected. */
export const EXIT_INTERNAL = 70;
/**
 * stdout's reader went away (`kofuzei … | head`): 128 + SIGPIPE, what a shell reports for a
 * program the closed pipe stopped, so `set -o pipefail` sees that the output was cut short.
 */
export const EXIT_PIPE_CLOSED = 141;
