import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectJsonFiles } from '../../../src/node/collect-json-files.js';

let dir = '';
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  dir = mkdtempSync(join(tmpdir(), 'kofuzei-collect-'));
  mkdirSync(join(dir, 'fixtures'));
  writeFileSync(join(dir, 'fixtures', 'a.json'), '{}');
  return join(dir, 'fixtures');
}

describe('collectJsonFiles', () => {
  it('lists regular .json files', () => {
    const fixtures = folder();
    expect(collectJsonFiles([fixtures])).toEqual([join(fixtures, 'a.json')]);
  });

  it.each([
    ['/etc/passwd', 'passwd.json'],
    ['/dev/zero', 'zero.json'],
  ])('refuses a link to %s inside a folder, naming it', (target, name) => {
    const fixtures = folder();
    symlinkSync(target, join(fixtures, name));
    expect(() => collectJsonFiles([fixtures])).toThrow(join(fixtures, name));
  });

  it('refuses a linked folder instead of skipping it', () => {
    const fixtures = folder();
    mkdirSync(join(dir, 'more'));
    symlinkSync(join(dir, 'more'), join(fixtures, 'more'));
    expect(() => collectJsonFiles([fixtures])).toThrow(join(fixtures, 'more'));
  });

  it('refuses a FIFO, inside a folder or given by name', () => {
    const fixtures = folder();
    execFileSync('mkfifo', [join(fixtures, 'pipe.json')]);
    expect(() => collectJsonFiles([fixtures])).toThrow('FIFO');
    expect(() => collectJsonFiles([join(fixtures, 'pipe.json')])).toThrow('FIFO');
  });

  it('follows a link the user names on the command line', () => {
    const fixtures = folder();
    const link = join(dir, 'link.json');
    symlinkSync(join(fixtures, 'a.json'), link);
    expect(collectJsonFiles([link])).toEqual([link]);
  });
});
