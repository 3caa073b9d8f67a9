import { Command, CommanderError } from 'commander';
import { CODES } from '../core/codes.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { RuleSetError } from '../core/rule-set-error.js';
import { evaluateFormat } from './evaluate-format.js';
import { EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_UNUSABLE } from './exit-codes.js';
import { bundledRulesDir, packageVersion } from './package-paths.js';
import { stdoutFailure } from './stdout-failure.js';
import { rerunWithHeapCap, streamsUnderHeapCap } from './streaming-heap.js';
import { terminalLines } from './terminal-text.js';

// Commands are imported when run: a streamed evaluation re-runs itself under a heap cap, and the
// waiting parent should hold node alone (≈ 45 MB), not every command's modules (≈ 90 MB).

// Every message line may carry ledger, fixture, rule or file-name text: escaped for the terminal
// here (commands escape their fields too; escaping twice changes nothing). On a JSON line the
// escapes are JSON's own, so the line stays the same JSON value.
const out = (line: string): void => {
  process.stdout.write(`${terminalLines(line)}\n`);
};
const err = (line: string): void => {
  process.stderr.write(`${terminalLines(line)}\n`);
};

/** `--format json` on the command line: errors are then printed as JSON on stderr. */
function wantsJsonErrors(argv: readonly string[]): boolean {
  return argv.some(
    (arg, index) => arg === '--format=json' || (arg === '--format' && argv[index + 1] === 'json'),
  );
}

/** Runs the CLI and resolves to its exit code; never throws, never prints a stack trace. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('kofuzei')
    .description(
      '交付税措置・地方債の判定と算定（出典付き）— evaluate ledgers against cited fiscal rules',
    )
    .version(packageVersion(), '-V, --version', 'print the version of kofuzei')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(terminalLines(text)) })
    .showHelpAfterError();

  program
    .command('evaluate')
    .description(
      'evaluate a ledger: a Japanese table on a terminal, the report JSON with --format json',
    )
    .argument(
      '<ledger>',
      'ledger file: .json; .jsonl (a {"entities": [...]} line, then one line per ledger line); .csv (UTF-8 or Shift_JIS); .xlsx (first sheet or the template)',
    )
    .option(
      '--format <format>',
      'json | jsonl | table | csv | xlsx (default: table on a terminal, else json)',
    )
    .option('-o, --output <file>', 'write the result to a file')
    .option('--rules <dir>', "a rules directory instead of the package's rules/")
    .option('--policy <file>', 'policy overrides (JSON), e.g. {"roundingUnit": "1000"}')
    .option('--encoding <encoding>', 'csv output: utf8 (with BOM, default) | shift_jis')
    .option('-q, --quiet', 'no progress bar and no per-line messages on stderr')
    .option(
      '--fail-on <statuses>',
      'exit 1 also for lines of these statuses: undetermined, ineligible (comma-separated); invalid lines always exit 1',
    )
    .option(
      '--workers <n>',
      'threads judging the lines: a number, or auto (default: one per core from 20,000 lines of a .json ledger); the report is the same',
    )
    .action(
      async (
        ledger: string,
        options: {
          format?: string;
          output?: string;
          rules?: string;
          policy?: string;
          encoding?: string;
          quiet?: boolean;
          failOn?: string;
          workers?: string;
        },
      ) => {
        const format = evaluateFormat(options, process.stdout);
        if (streamsUnderHeapCap(ledger, format)) {
          // A number: the exit code of the child that ran the evaluation.
          const code = rerunWithHeapCap(err);
          if (code !== null) {
            exitCode = code;
            return;
          }
        }
        const { evaluateCommand } = await import('./evaluate-command.js');
        // The report is written whole either way; exit 1 tells a wrapper that some line needs
        // attention (an invalid line always; undetermined or ineligible ones with --fail-on).
        const { failedLines } = await evaluateCommand(ledger, options, process.stdout, err);
        if (failedLines > 0) exitCode = EXIT_FAILED;
      },
    );

  program
    .command('template')
    .description(
      'write the ledger template workbook (.xlsx: Japanese headers, drop-downs, hints), or a ledger as .csv/.xlsx with --ledger',
    )
    .requiredOption('-o, --output <file>', 'the file to write: .xlsx or .csv')
    .option(
      '--ledger <file>',
      'fill it with this ledger (.json, .csv or .xlsx) instead of an example row',
    )
    .option('--rules <dir>', "a rules directory instead of the package's rules/")
    .option('--encoding <encoding>', 'csv output: utf8 (with BOM, default) | shift_jis')
    .option(
      '--program <ids>',
      'only the columns these programs use (comma-separated program ids, e.g. cio-aide,dx-leader); default: every column',
    )
    .action(
      async (options: {
        output: string;
        ledger?: string;
        rules?: string;
        encoding?: string;
        program?: string;
      }) => {
        const { templateCommand } = await import('./template-command.js');
        await templateCommand(options, err);
      },
    );

  program
    .command('test')
    .description('run golden fixtures (files or folders); the last line is "N passed, N failed"')
    .argument('<paths...>', 'fixture files or folders')
    .option('--rules <dir>', "a rules directory instead of the package's rules/")
    .option('--update', 'rewrite the expected values each fixture lists from the current rules')
    .action(async (paths: string[], options: { rules?: string; update?: boolean }) => {
      const { testCommand } = await import('./test-command.js');
      if (!(await testCommand(paths, options, out, err))) exitCode = EXIT_FAILED;
    });

  program
    .command('diff')
    .description(
      'per-line changes a rule change causes on ledgers or fixtures, each traced to the rule change',
    )
    .argument('<paths...>', 'ledger or fixture files or folders')
    .requiredOption('--base <rules>', 'the rules before: a folder, git:REF or git:REF:path')
    .requiredOption('--head <rules>', 'the rules after: a folder, git:REF or git:REF:path')
    .option('--format <format>', 'text | json | markdown (a pull-request comment)', 'text')
    .option('-o, --output <file>', 'write the diff to a file')
    .option('--policy <file>', 'policy for plain ledgers (a fixture uses its own)')
    .option('--fail-on-change', 'exit 1 when any line or total changed')
    .action(
      async (
        paths: string[],
        options: {
          base: string;
          head: string;
          format: string;
          output?: string;
          policy?: string;
          failOnChange?: boolean;
        },
      ) => {
        const { diffCommand } = await import('./diff-command.js');
        const result = await diffCommand(paths, options);
        // Text and markdown show ledger ids and rule text; JSON keeps its value (see terminalLines).
        process.stdout.write(terminalLines(result.output));
        if (options.failOnChange === true && result.diff.changed) exitCode = EXIT_FAILED;
      },
    );

  program
    .command('check-rules')
    .description(
      'validate a rule set: schema, citations (verbatim), fiscal-year coverage, facts, operators',
    )
    .argument('[dir]', "rules directory (default: the package's rules/)")
    .action(async (dir: string | undefined) => {
      const { checkRulesCommand } = await import('./check-rules-command.js');
      if (!checkRulesCommand(dir ?? bundledRulesDir(), out)) exitCode = EXIT_FAILED;
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_UNUSABLE;
    }
    if (error instanceof RuleSetError) {
      err(`kofuzei: ${error.message}`);
      return EXIT_FAILED;
    }
    if (error instanceof KofuzeiError) {
      if (wantsJsonErrors(argv))
        err(JSON.stringify({ error: { code: error.code, message: error.message } }));
      // The catalogue's Japanese headline first (what went wrong), then the detail (where, which).
      else err(`kofuzei: ${CODES[error.code].ja}: ${error.message}`);
      return EXIT_UNUSABLE;
    }
    err(`kofuzei: 内部エラー（不具合）: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_INTERNAL;
  }
}

// A closed pipe (`kofuzei evaluate … | head`) ends quietly, a full disk with a message; never a
// crash with a stack trace (see stdoutFailure).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  process.exit(stdoutFailure(error, err));
});
process.exitCode = await main(process.argv.slice(2));
