/** Why a write failed, in Japanese, with the system's code first (for a search or a bug report). */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'ディスクの空き容量がありません',
  EDQUOT: 'ディスク使用量の上限（quota）を超えました',
  EFBIG: 'ファイルの大きさの上限を超えました',
  EACCES: '書き込む権限がありません',
  EPERM: '書き込む権限がありません',
  EROFS: '読み取り専用のファイルシステムです',
  ENOENT: 'フォルダがありません',
  ENOTDIR: 'フォルダがありません',
  EISDIR: 'フォルダです',
  EIO: '入出力エラーが起きました',
  EPIPE: '読み手が閉じました',
};

export function writeErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return `${code}: ${REASONS[code] ?? '書き込みに失敗しました'}`;
  return error instanceof Error ? error.message : String(error);
}
