import { Command, CommanderError, type Option } from 'commander';
import { CODES } from '../core/codes.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { RuleSetError } from '../core/rule-set-error.js';
import { commanderMessage } from './commander-messages.js';
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

/** commander's English headings, as the help shows them in Japanese. */
const TITLES: Readonly<Record<string, string>> = {
  'Usage:': '使い方:',
  'Arguments:': '引数:',
  'Options:': 'オプション:',
  'Global Options:': '共通オプション:',
  'Commands:': 'コマンド:',
};

/** Help in Japanese: headings translated; defaults are written in each description (commander's
 * own `(default: "text")` would be English). */
const JAPANESE_HELP = {
  styleTitle: (title: string): string => TITLES[title] ?? title,
  optionDescription: (option: Option): string => option.description,
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
  const jsonErrors = wantsJsonErrors(argv);
  const program = new Command('kofuzei')
    .description('交付税措置・地方債の判定と算定（出典付き）：台帳を出典付きの財政規則で判定する')
    .version(packageVersion(), '-V, --version', 'kofuzei の版を表示する')
    // Help is read by finance officers: its headings and the built-in entries in Japanese too.
    // Subcommands inherit these settings (commander copies them when .command() creates one).
    .helpOption('-h, --help', 'このヘルプを表示する')
    .helpCommand('help [command]', 'コマンドのヘルプを表示する')
    .configureHelp(JAPANESE_HELP)
    .exitOverride()
    // commander's own errors (unknown option, missing argument…) in Japanese, exit 2 as before;
    // with --format json as the USAGE refusal's JSON line, without the help after it.
    .configureOutput({
      writeErr: (text) => process.stderr.write(terminalLines(text)),
      outputError: (text, write) => {
        const message = commanderMessage(text);
        write(
          jsonErrors
            ? `${JSON.stringify({ error: { code: 'USAGE', message } })}\n`
            : `kofuzei: ${message}\n`,
        );
      },
    })
    .showHelpAfterError(!jsonErrors);

  program
    .command('evaluate')
    .description('台帳を判定する：端末には日本語の表、--format json で報告 JSON')
    .argument(
      '<ledger>',
      '台帳ファイル：.json、.jsonl（1行目に {"entities": [...]}、以降は明細1件ごとに1行）、.csv（UTF-8 または Shift_JIS）、.xlsx（先頭のシートまたはテンプレート）',
    )
    .option(
      '--format <format>',
      '出力形式：json | jsonl | table | csv | xlsx（既定：端末なら table、それ以外は json）',
    )
    .option('-o, --output <file>', '結果をこのファイルに書き出す')
    .option('--rules <dir>', '同梱の rules/ の代わりに使う規則フォルダ')
    .option('--policy <file>', '運用方針の上書き（JSON）。例：{"roundingUnit": "1000"}')
    .option('--encoding <encoding>', 'CSV 出力の文字コード：utf8（BOM付き、既定）| shift_jis')
    .option('-q, --quiet', '進捗表示と明細ごとのメッセージを標準エラーに出さない')
    .option(
      '--fail-on <statuses>',
      'この判定の明細があるときも終了コード 1 にする：undetermined（判定不能）、ineligible（対象外）をカンマ区切りで。invalid（入力誤り）の明細は常に 1',
    )
    .option(
      '--workers <n>',
      '判定に使うスレッドの数：1 以上の整数か auto（auto は .json の台帳が 20,000 明細以上のときコアの数だけ）。既定は 1。結果はどれでも同じ',
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
          const code = await rerunWithHeapCap(options.output);
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
      '台帳の入力テンプレート（.xlsx：日本語の見出し、選択肢、入力の手引き）を書き出す。--ledger では台帳を .csv／.xlsx に変換する',
    )
    .requiredOption('-o, --output <file>', '書き出すファイル：.xlsx または .csv')
    .option('--ledger <file>', '記入例の行の代わりにこの台帳（.json、.csv、.xlsx）を入れる')
    .option('--rules <dir>', '同梱の rules/ の代わりに使う規則フォルダ')
    .option('--encoding <encoding>', 'CSV 出力の文字コード：utf8（BOM付き、既定）| shift_jis')
    .option(
      '--program <ids>',
      'これらの事業が使う列だけにする（事業 id をカンマ区切りで。例：cio-aide,dx-leader）。既定：すべての列',
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
    .description('検証用の事例（ファイルまたはフォルダ）を実行する。最終行は "N passed, N failed"')
    .argument('<paths...>', '事例のファイルまたはフォルダ')
    .option('--rules <dir>', '同梱の rules/ の代わりに使う規則フォルダ')
    .option('--update', '各事例が挙げる期待値を現在の規則で書き直す')
    .action(async (paths: string[], options: { rules?: string; update?: boolean }) => {
      const { testCommand } = await import('./test-command.js');
      if (!(await testCommand(paths, options, out, err))) exitCode = EXIT_FAILED;
    });

  program
    .command('diff')
    .description('規則の変更で台帳・事例の明細がどう変わるかを、原因の規則変更とともに一覧にする')
    .argument('<paths...>', '台帳または事例のファイル・フォルダ')
    .requiredOption('--base <rules>', '変更前の規則：フォルダ、git:REF または git:REF:path')
    .requiredOption('--head <rules>', '変更後の規則：フォルダ、git:REF または git:REF:path')
    .option(
      '--format <format>',
      '出力形式：text | json | markdown（プルリクエストのコメント）（既定：text）',
      'text',
    )
    .option('-o, --output <file>', '差分をこのファイルに書き出す')
    .option('--policy <file>', '事例でない台帳に使う運用方針（事例は自身のものを使う）')
    .option('--fail-on-change', '明細または集計が一つでも変わったら終了コード 1 にする')
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
    .description('規則一式を検査する：スキーマ、引用（原文どおりか）、年度の網羅、事実項目、演算子')
    .argument('[dir]', '規則フォルダ（既定：同梱の rules/）')
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
