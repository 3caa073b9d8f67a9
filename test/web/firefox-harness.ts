// Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (playwright-core cannot drive a
// stock Firefox; puppeteer-core downloads no browser). Every route out of the machine goes to the
// recording proxy of browser-harness.ts, and the prefs below switch off what Firefox would
// otherwise call home for, so a test run sends nothing anywhere.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { RecordingProxy } from './browser-harness.js';

/** Debian's firefox-esr, or KOFUZEI_FIREFOX. */
export const FIREFOX = process.env.KOFUZEI_FIREFOX ?? '/usr/bin/firefox-esr';
export const FIREFOX_MISSING = existsSync(FIREFOX)
  ? null
  : `${FIREFOX} not found: install Debian's firefox-esr (apt-get install firefox-esr; .ci/run does) or set KOFUZEI_FIREFOX`;

/** A URL no server answers: where Firefox's own services are pointed, besides the proxy. */
const NOWHERE = 'http://127.0.0.1:9/';

/** Firefox (headless, a fresh profile) with every connection through the recording proxy. */
export function launchFirefox(proxy: RecordingProxy): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    timeout: 120_000,
    extraPrefsFirefox: {
      // Manual proxy for every scheme, loopback included (nothing bypasses it).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.socks': '',
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.share_proxy_settings': true,
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'network.predictor.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      // Telemetry, health report, studies, updates, safe browsing, remote settings, push.
      'toolkit.telemetry.enabled': false,
      'toolkit.telemetry.unified': false,
      'toolkit.telemetry.server': NOWHERE,
      'datareporting.healthreport.uploadEnabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.normandy.enabled': false,
      'app.shield.optoutstudies.enabled': false,
      'app.update.enabled': false,
      'app.update.auto': false,
      'extensions.update.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      'extensions.blocklist.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'browser.safebrowsing.downloads.enabled': false,
      'browser.safebrowsing.downloads.remote.enabled': false,
      'browser.safebrowsing.blockedURIs.enabled': false,
      'browser.safebrowsing.provider.mozilla.updateURL': '',
      'services.settings.server': NOWHERE,
      'dom.push.enabled': false,
      'dom.push.serverURL': '',
      'browser.newtabpage.enabled': false,
      'browser.startup.page': 0,
      'browser.search.update': false,
      'geo.enabled': false,
    },
  });
}
