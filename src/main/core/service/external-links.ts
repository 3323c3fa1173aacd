// Which links KimiBar hands to the OS. The IPC handlers apply it before any shell's openUrl, so
// the Electron app and the preview bridge obey the same allow-list; the Electron shell's door
// to the browser checks it once more.

/** The macOS Full Disk Access pane (reading Safari's cookies needs it): the one non-web link KimiBar opens. */
export const FULL_DISK_ACCESS_URL = 'x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles';

/** The service's own domains; links to them (and their subdomains) open in the browser. */
const KIMI_DOMAINS = ['kimi.com', 'kimi.ai'] as const;

function onKimiDomain(hostname: string): boolean {
  return KIMI_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}

/**
 * Links KimiBar hands to the OS: https on kimi.com / kimi.ai (and subdomains), on the default
 * port and without user info, and the Full Disk Access pane. Everything else is refused, so
 * even a compromised page (or a server's reply naming a page to open) cannot make the app open
 * an arbitrary URL or scheme.
 */
export function mayOpenExternally(url: string): boolean {
  if (url === FULL_DISK_ACCESS_URL) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    onKimiDomain(parsed.hostname)
  );
}
