// Injected into the offline page's worker bundle (scripts/build-web.ts): the readers and writers
// call Buffer.from, which browsers lack; the `buffer` package (already bundled for iconv-lite) is
// the same API.
export { Buffer } from 'buffer';
