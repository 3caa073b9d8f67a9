import {
  cpSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicFile, writeAtomically, writeFileAtomic } from '../src/node/atomic-file.js';
import { ownStderr } from './helpers/cli.js';
import { cioLine, ledgerOf } from './helpers/ledger.js';
import { RULES_DIR, SAMPLE_LEDGER } from './helpers/paths.js';
import { runNodeCli } from './helpers/run-node-cli.js';

/**
 * What the CLI writes: never over one of its inputs (OUTPUT_IS_INPUT), whole or not at all (a
 * full disk or a file-size limit leaves the old file and no temporary file: OUTPUT_UNWRITABLE),
 * and stdout errors said plainly (exit 2; a closed pipe exits 141 quietly). Never a stack trace.
 */

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-output-'));
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
});

const STACK = '    at ';
const sample = readFileSync(SAMPLE_LEDGER, 'utf8');
const sampleLedger = JSON.parse(sample) as { entities: unknown[]; lines: unknown[] };
const sampleJsonl = `${[{ entities: sampleLedger.entities }, ...sampleLedger.lines]
  .map((item) => JSON.stringify(item))
  .join('\n')}\n`;

function folder(): string {
  return mkdtempSync(join(TMP, 'case-'));
}

/** No tsx cache writes under `ulimit -f`: only kofuzei's own output meets the limit. */
const NO_CACHE = { TSX_DISABLE_CACHE: '1' };

describe('AtomicFile', () => {
  it('leaves the old file and no temporary file when the body fails midway', async () => {
    const dir = folder();
    const path = join(dir, 'report.json');
    writeFileSync(path, 'old');
    await expect(
      writeAtomically(path, (file) => {
        file.write('new, half');
        return Promise.reject(new Error('the evaluation failed'));
      }),
    ).rejects.toThrow('the evaluation failed');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('replaces the file whole on success, through a symbolic link, keeping the link', () => {
    const dir = folder();
    const real = join(dir, 'real.csv');
    writeFileSync(real, 'old');
    symlinkSync(real, join(dir, 'link.csv'));
    writeFileAtomic(join(dir, 'link.csv'), 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.csv', 'real.csv']);
  });

  it('writes /dev/null, a named pipe and /dev/stdout in place, never renaming over them', async () => {
    // Run as root, a rename over /dev/null once left it a plain file that then filled /dev.
    const nullTemps = (): string[] =>
      readdirSync('/dev').filter((name) => name.startsWith('.null.'));
    const before = nullTemps();
    writeFileAtomic('/dev/null', 'a report nobody keeps');
    await writeAtomically('/dev/null', (file) => {
      file.write('streamed');
      return Promise.resolve();
    });
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(nullTemps()).toEqual(before);

    const dir = folder();
    const pipe = join(dir, 'report.pipe');
    execFileSync('mkfifo', [pipe]);
    const reader = spawn('cat', [pipe]);
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    const closed = new Promise((resolveClosed) => reader.on('close', resolveClosed));
    writeFileAtomic(pipe, 'through the pipe');
    await closed;
    expect(read).toBe('through the pipe');
    expect(statSync(pipe).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.pipe']);

    // `-o /dev/stdout > file`: the report reaches the file the shell opened.
    const out = join(dir, 'report.json');
    const result = await runNodeCli(['evaluate', SAMPLE_LEDGER, '-o', '/dev/stdout', '--quiet'], {
      shellSuffix: `> ${out}`,
    });
    expect(result.code).toBe(0);
    const direct = await runNodeCli(['evaluate', SAMPLE_LEDGER, '--quiet']);
    expect(readFileSync(out, 'utf8')).toBe(direct.stdout);
    expect(direct.stdout.length).toBeGreaterThan(1000);
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'report.pipe']);
  });

  it('names the file and leaves nothing behind when its folder is missing', () => {
    expect(() => new AtomicFile(join(TMP, 'no-such-folder', 'x.json'))).toThrow(
      expect.objectContaining({ code: 'OUTPUT_UNWRITABLE' }),
    );
  });
});

describe.concurrent('kofuzei never writes over its input', { timeout: 90_000 }, () => {
  it.for([
    ['-o the ledger itself (.jsonl)', 'same'],
    ['-o a symbolic link to the ledger (.csv)', 'symlink'],
    ['-o a hard link to the ledger (.json)', 'hardlink'],
    ['-o the --policy file', 'policy'],
    ['-o a file in the --rules folder', 'rules'],
    ['template -o its --ledger (.csv)', 'template'],
  ] as const)(
    '%s: exit 2, refused (OUTPUT_IS_INPUT), the input intact',
    async ([, kind], { expect }) => {
      const dir = folder();
      let args: string[];
      let input: string;
      if (kind === 'same') {
        input = join(dir, 'ledger.jsonl');
        writeFileSync(input, sampleJsonl);
        args = ['evaluate', input, '-o', input, '--format', 'jsonl'];
      } else if (kind === 'symlink' || kind === 'template') {
        input = join(dir, 'ledger.csv');
        writeFileSync(
          input,
          'id,entity,fiscalYear,program,costType,amount\nL1,392081,2025,cio-aide,recruitment,1000\n',
        );
        const link = join(dir, 'link.csv');
        symlinkSync(input, link);
        args =
          kind === 'template'
            ? ['template', '--ledger', input, '-o', input]
            : ['evaluate', input, '-o', link, '--format', 'csv'];
      } else if (kind === 'hardlink') {
        input = join(dir, 'ledger.json');
        writeFileSync(input, sample);
        linkSync(input, join(dir, 'other-name.json'));
        args = ['evaluate', input, '-o', join(dir, 'other-name.json'), '--format', 'json'];
      } else if (kind === 'policy') {
        input = join(dir, 'policy.json');
        writeFileSync(input, '{"roundingUnit": "1"}');
        args = ['evaluate', SAMPLE_LEDGER, '--policy', input, '-o', input, '--format', 'json'];
      } else {
        const rules = join(dir, 'rules');
        cpSync(RULES_DIR, rules, { recursive: true });
        input = join(rules, 'report.json');
        writeFileSync(input, '{}');
        args = ['evaluate', SAMPLE_LEDGER, '--rules', rules, '-o', input, '--format', 'json'];
      }
      const before = readFileSync(input, 'utf8');
      const result = await runNodeCli(args);
      const stderr = ownStderr(result.stderr);
      expect(result.code, stderr).toBe(2);
      expect(stderr).toContain('別の出力先を指定してください');
      expect(stderr).not.toContain(STACK);
      expect(readFileSync(input, 'utf8')).toBe(before);
    },
  );
});

describe.concurrent('a write that fails midway (ulimit -f)', { timeout: 90_000 }, () => {
  const PREVIOUS = '{"previous": "report, kept whole"}\n';

  it.for([
    ['evaluate -o report.json (streamed from .jsonl)', 'json'],
    ['evaluate -o report.jsonl', 'jsonl'],
    ['evaluate -o report.csv', 'csv'],
    ['template -o ledger.csv', 'template'],
  ] as const)(
    '%s: exit 2, refused (OUTPUT_UNWRITABLE) naming the file, the old file intact, no temporary file',
    async ([, kind], { expect }) => {
      const dir = folder();
      const ledger = join(dir, kind === 'json' ? 'ledger.jsonl' : 'ledger.json');
      writeFileSync(ledger, kind === 'json' ? sampleJsonl : sample);
      const output = join(dir, kind === 'template' ? 'out.csv' : `report.${kind}`);
      writeFileSync(output, PREVIOUS);
      const args =
        kind === 'template'
          ? ['template', '--ledger', ledger, '-o', output]
          : ['evaluate', ledger, '--format', kind, '-o', output, '--quiet'];
      // 4 KiB: every report and the CSV of the sample ledger are larger.
      const result = await runNodeCli(args, { shellPrefix: 'ulimit -f 4', env: NO_CACHE });
      const stderr = ownStderr(result.stderr);
      expect(result.code, stderr).toBe(2);
      expect(stderr).toContain('書き込めませんでした');
      expect(stderr).toContain(output);
      expect(stderr).toContain('EFBIG');
      expect(stderr).not.toContain(STACK);
      expect(readFileSync(output, 'utf8')).toBe(PREVIOUS);
      expect(readdirSync(dir).sort()).toEqual(
        [ledger, output].map((p) => p.slice(dir.length + 1)).sort(),
      );
    },
  );

  it('test --update: the fixture keeps its old text, exit 2, no temporary file', async ({
    expect,
  }) => {
    const dir = folder();
    mkdirSync(join(dir, 'fixtures'));
    const fixture = join(dir, 'fixtures', 'wrong.json');
    const text = `${JSON.stringify(
      {
        description: 'one wrong amount, and a memo that makes the file larger than the limit',
        ledger: ledgerOf([cioLine('L1', { amount: '1000000', memo: 'メモ'.repeat(1500) })]),
        expected: { lines: [{ id: 'L1', status: 'eligible', amount: '1' }] },
      },
      null,
      2,
    )}\n`;
    writeFileSync(fixture, text);
    const result = await runNodeCli(['test', '--update', fixture], {
      shellPrefix: 'ulimit -f 8',
      env: NO_CACHE,
    });
    const stderr = ownStderr(result.stderr);
    expect(result.code, stderr).toBe(2);
    expect(stderr).toContain('書き込めませんでした');
    expect(stderr).toContain(fixture);
    expect(stderr).not.toContain(STACK);
    expect(readFileSync(fixture, 'utf8')).toBe(text);
    expect(readdirSync(join(dir, 'fixtures'))).toEqual(['wrong.json']);
  });
});

describe.concurrent('stdout that cannot be written', { timeout: 90_000 }, () => {
  it.for([
    ['a .json ledger', SAMPLE_LEDGER, 'json'],
    ['a streamed .jsonl ledger (run in a capped child)', 'jsonl', 'json'],
    ['csv output', SAMPLE_LEDGER, 'csv'],
  ] as const)(
    '> /dev/full with %s: exit 2, a message naming stdout, no stack trace',
    async ([, source, format], { expect }) => {
      let ledger: string = source;
      if (source === 'jsonl') {
        ledger = join(folder(), 'ledger.jsonl');
        writeFileSync(ledger, sampleJsonl);
      }
      const result = await runNodeCli(['evaluate', ledger, '--format', format, '--quiet'], {
        shellSuffix: '> /dev/full',
      });
      const stderr = ownStderr(result.stderr);
      expect(result.code, stderr).toBe(2);
      expect(stderr).toContain('標準出力');
      expect(stderr).toContain('ENOSPC');
      expect(stderr).not.toContain(STACK);
    },
  );

  it.for([
    ['a .json ledger', SAMPLE_LEDGER],
    ['a streamed .jsonl ledger', 'jsonl'],
  ] as const)(
    '| head -c 10 with %s: exits 141 (a closed pipe, as SIGPIPE) and says nothing',
    async ([, source], { expect }) => {
      let ledger: string = source;
      if (source === 'jsonl') {
        ledger = join(folder(), 'ledger.jsonl');
        writeFileSync(ledger, sampleJsonl);
      }
      // The report (≈ 120 KB) is larger than a pipe's buffer: the writer meets the closed pipe.
      const result = await runNodeCli(['evaluate', ledger, '--format', 'json', '--quiet'], {
        shellSuffix: '| head -c 10',
      });
      expect(result.stdout).toHaveLength(10);
      expect(ownStderr(result.stderr)).toBe('');
      expect(result.code).toBe(141);
    },
  );
});
