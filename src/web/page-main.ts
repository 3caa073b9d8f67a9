// The offline page (dist/web/kofuzei.html): choose or drop a ledger, see 集計 and 明細, download
// 判定結果.xlsx and 明細 CSV. Everything runs in this page and its worker; nothing is sent anywhere
// (the page's Content-Security-Policy forbids every connection).
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { ReportLine } from '../schema/report.js';
import { warningsByLine } from '../report/warnings-by-line.js';
import { byId, el } from './dom.js';
import { renderDetail } from './render-detail.js';
import { renderLines, renderStatusFilter } from './render-lines.js';
import { renderNotes } from './render-notes.js';
import { renderTotals } from './render-totals.js';
import type { Failure, LocatedError, WorkerRequest, WorkerResponse } from './worker-protocol.js';

type State = 'idle' | 'working' | 'done' | 'error';

const result = byId('result');
const progress = byId('progress') as HTMLProgressElement;
const progressText = byId('progress-text');
const output = byId('output');
const errorBox = byId('error');
const dialog = byId('detail') as HTMLDialogElement;
const dialogBody = byId('detail-body');
const downloadNote = byId('download-note');

/** The worker, started from the inlined source as a Blob URL: no fetch, works from file://. */
const workerSource = byId('worker-source').textContent;
const worker = new Worker(
  URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })),
);

let current = 0;

function setState(state: State): void {
  result.setAttribute('data-state', state);
  result.setAttribute('aria-busy', state === 'working' ? 'true' : 'false');
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-needs-result]'))
    button.disabled = state !== 'done';
}

function showFailure(failure: Failure): void {
  output.replaceChildren();
  output.hidden = true;
  progress.hidden = true;
  progressText.textContent = '';
  errorBox.hidden = false;
  errorBox.replaceChildren(
    el('h2', {}, '台帳を判定できませんでした'),
    el('p', { class: 'headline' }, failure.headline, el('code', {}, ` ${failure.code}`)),
    el('p', { 'data-testid': 'error-message' }, failure.message),
    el('p', {}, '台帳を直してから、もう一度選んでください。結果は表示していません。'),
  );
  setState('error');
  errorBox.focus();
}

function showProgress(text: string, done: number, total: number): void {
  progress.hidden = false;
  if (total > 0) {
    progress.max = total;
    progress.value = done;
  } else progress.removeAttribute('value');
  progressText.textContent = text;
}

/** A new evaluation: clears the last result and shows progress; its request follows. */
function start(): void {
  current += 1;
  // data-run tells a tool which evaluation the state belongs to (the DOM contract).
  result.setAttribute('data-run', String(current));
  output.replaceChildren();
  output.hidden = true;
  errorBox.hidden = true;
  downloadNote.textContent = '';
  setState('working');
  showProgress('台帳を読み込んでいます…', 0, 0);
}

async function showResult(message: Extract<WorkerResponse, { type: 'result' }>): Promise<void> {
  const run = current;
  const { report, errors } = message;
  const titles = new Map(message.titles);
  const errorsByLine = new Map<string, LocatedError[]>();
  for (const error of errors)
    if (error.line !== null)
      errorsByLine.set(error.line, [...(errorsByLine.get(error.line) ?? []), error]);
  const warnings = warningsByLine(report);
  const onDetail = (line: ReportLine): void => {
    dialogBody.replaceChildren(
      renderDetail(line, errorsByLine.get(line.id) ?? [], titles, warnings.get(line.id) ?? []),
    );
    dialog.showModal();
    // Start at the top, focus on the title: the reasons are read from the beginning.
    dialog.scrollTop = 0;
    document.getElementById('detail-title')?.focus();
  };
  const total = report.lines.length;
  const table = await renderLines(report.lines, { titles, onDetail }, (done) => {
    showProgress(`明細を表示しています… ${done} / ${total} 行`, done, total);
  });
  if (run !== current) return;
  output.replaceChildren(
    el('p', { class: 'source' }, `台帳: ${message.name}（${total}行）`),
    el(
      'section',
      { id: 'totals-section', 'aria-labelledby': 'totals-h' },
      el('h2', { id: 'totals-h' }, '集計'),
      renderTotals(message.totals),
    ),
    el(
      'section',
      { 'aria-labelledby': 'lines-h' },
      el('h2', { id: 'lines-h' }, '明細'),
      renderStatusFilter(report.lines, table),
      el('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': '明細表' }, table),
    ),
    el('section', { class: 'notes' }, renderNotes(report, errors)),
  );
  progress.hidden = true;
  progressText.textContent = `判定が終わりました（${total}行）。`;
  output.hidden = false;
  setState('done');
}

function download(name: string, mime: string, bytes: Uint8Array): void {
  // A Blob URL in an <a download>: the file is saved from memory; nothing is sent anywhere.
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
  downloadNote.textContent = `${name} を保存しました。`;
}

worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
  const message = event.data;
  // An evaluation the user has since replaced (a new file chosen meanwhile) is dropped.
  if ('run' in message && message.run !== current) return;
  switch (message.type) {
    case 'progress':
      showProgress(
        message.phase === 'read'
          ? '台帳を読み込んでいます…'
          : `判定しています… ${message.done} / ${message.total} 行`,
        message.done,
        message.total,
      );
      return;
    case 'result':
      void showResult(message);
      return;
    case 'failed':
      showFailure(message.failure);
      return;
    case 'file':
      download(message.name, message.mime, message.bytes);
      return;
    case 'file-failed':
      downloadNote.textContent = `保存できませんでした: ${message.failure.headline}: ${message.failure.message}`;
      return;
  }
};
worker.onerror = (event) => {
  event.preventDefault();
  showFailure({
    code: 'INTERNAL',
    headline: '予期しないエラーが起きました',
    message: event.message,
  });
};

async function evaluateFile(file: File): Promise<void> {
  // The state turns to working at once: no old result stays on screen while the file is read.
  start();
  const run = current;
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    showFailure({
      code: 'LEDGER_UNREADABLE',
      headline: '台帳を読めません',
      message: `${file.name}: ファイルを読み込めませんでした`,
    });
    return;
  }
  if (run === current)
    worker.postMessage({ type: 'evaluate', run, name: file.name, bytes }, [bytes]);
}

const input = byId('ledger-input') as HTMLInputElement;
input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file !== undefined) void evaluateFile(file);
  // The same file chosen again (after fixing it in Excel) fires change again.
  input.value = '';
});
const drop = byId('drop');
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => {
  drop.classList.remove('over');
});
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  const file = event.dataTransfer?.files[0];
  if (file !== undefined) void evaluateFile(file);
});

byId('try-sample').addEventListener('click', () => {
  start();
  worker.postMessage({ type: 'evaluate-sample', run: current });
});
// The results' downloads name the run on screen: the worker writes them from that run's report only.
const requests: Readonly<Record<string, () => WorkerRequest>> = {
  'download-template': () => ({ type: 'download-template' }),
  'download-sample': () => ({ type: 'download-sample' }),
  'download-xlsx': () => ({ type: 'download-xlsx', run: current }),
  'download-csv-utf8': () => ({ type: 'download-csv', run: current, encoding: 'utf8' }),
  'download-csv-sjis': () => ({ type: 'download-csv', run: current, encoding: 'shift_jis' }),
};
for (const [id, request] of Object.entries(requests))
  byId(id).addEventListener('click', () => {
    downloadNote.textContent = 'ファイルを作成しています…';
    worker.postMessage(request());
  });
// 事業別の様式: the checked programs' template, written by the worker as the full template is.
const programNote = byId('template-program-note');
byId('download-template-program').addEventListener('click', () => {
  const programs = [
    ...document.querySelectorAll<HTMLInputElement>('input[name=template-program]:checked'),
  ].map((box) => box.value);
  if (programs.length === 0) {
    // Nothing to restrict the columns to: say so rather than save the full template silently.
    programNote.textContent = '事業を1つ以上選んでから保存してください。';
    document.querySelector<HTMLInputElement>('input[name=template-program]')?.focus();
    return;
  }
  programNote.textContent = '';
  downloadNote.textContent = 'ファイルを作成しています…';
  worker.postMessage({ type: 'download-template-program', programs } satisfies WorkerRequest);
});
byId('detail-close').addEventListener('click', () => {
  dialog.close();
});
setState('idle');

byId('print').addEventListener('click', () => {
  window.print();
});
