// Runs before first paint (loaded synchronously from <head>). Keep it tiny and dependency-free.
// Mirrors web/src/lib/theme.ts: the stored choice is 'light' | 'dark'; anything else means "match the system".
try {
  const choice = window.localStorage.getItem('stillwater.theme');
  if (choice === 'light' || choice === 'dark') {
    document.documentElement.setAttribute('data-theme', choice);
  }
} catch {
  // Storage can be blocked (private mode, policies); the system preference still applies through CSS.
}
