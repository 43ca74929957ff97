import { expect, expectNoAxeViolations, test } from './fixtures';

const LANDING_TITLE = 'Care for depression and anxiety when other treatments have not helped';

const VIEWPORTS = [
  { name: 'phone', width: 360, height: 780 },
  { name: 'desktop', width: 1280, height: 860 },
] as const;

// Page background per theme, from web/src/styles/tokens.css (--sand-50 and --night-950).
const BACKGROUND = { light: 'rgb(246, 242, 236)', dark: 'rgb(18, 17, 16)' } as const;

for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of VIEWPORTS) {
    test.describe(`landing page, ${colorScheme} theme, ${viewport.name} (${viewport.width}px)`, () => {
      test.use({ colorScheme, viewport: { width: viewport.width, height: viewport.height } });

      test('explains the program, keeps crisis help in view and passes axe', async ({ page }) => {
        await page.goto('/');

        const heading = page.getByRole('heading', { level: 1 });
        await expect(heading).toHaveCount(1);
        await expect(heading).toHaveText(LANDING_TITLE);
        await expect(page).toHaveTitle(/Stillwater/);
        for (const section of ['Who it is for', 'How it works', 'Safety at every step', 'Your care team']) {
          await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
        }
        await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

        const help = page.getByRole('complementary', { name: 'Crisis help' });
        await expect(help).toBeVisible();
        await expect(help).toContainText('In crisis?');
        await expect(help.getByRole('link', { name: 'Call 988' })).toHaveAttribute('href', 'tel:988');
        await expect(help.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');
        await expect(help.getByRole('link', { name: 'Call 911' })).toHaveAttribute('href', 'tel:911');
        // The clinic's own number, from GET /api/clinic, sits beside 988 and 911.
        await expect(help.getByRole('link', { name: /^Call Stillwater Demo Clinic/ })).toHaveAttribute(
          'href',
          'tel:+15550100100',
        );

        // The theme really follows the system setting.
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background).toBe(BACKGROUND[colorScheme]);

        // Phone-first: nothing wider than the screen, and body text of at least 17px.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, 'horizontal overflow in px').toBe(0);
        const bodyFontSize = await page.evaluate(() =>
          Number.parseFloat(getComputedStyle(document.body).fontSize),
        );
        expect(bodyFontSize).toBeGreaterThanOrEqual(17);

        await expectNoAxeViolations(page);

        // Help stays on screen however far down the page someone is.
        await page
          .getByRole('heading', { level: 2, name: 'If you are struggling right now' })
          .scrollIntoViewIfNeeded();
        await expect(help).toBeInViewport();
      });
    });
  }
}

test('every link on the landing page leads to a page that exists, and it promises no feature Stillwater lacks', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LANDING_TITLE);
  // Messaging, video visits, the journal and pricing come with their own issues; until then, no claims.
  await expect(page.getByRole('main')).not.toContainText(/journal|secure messag|video visit|pricing|price/i);
  const hrefs = await page
    .locator('a[href^="/"]')
    .evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute('href') ?? ''))]);
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 }), `${href} is a page`).not.toHaveText(
      'We could not find that page',
    );
  }
});

test('the skip link is the first keyboard stop and moves focus into the main content', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const skipLink = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skipLink).not.toBeInViewport();

  await page.keyboard.press('Tab');
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();

  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  // The next Tab continues inside the main content, not back in the header.
  await page.keyboard.press('Tab');
  const focusIsInMain = await page.evaluate(() => document.activeElement?.closest('main') !== null);
  expect(focusIsInMain).toBe(true);
});

test('the header leads to sign in, and focus lands on its heading', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();

  await expect(page).toHaveURL('/signin');
  const heading = page.getByRole('heading', { level: 1, name: 'Sign in' });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page.getByLabel('Email')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Crisis help' })).toBeVisible();
  await expect(page).toHaveTitle('Sign in · Stillwater');
  await expectNoAxeViolations(page);
});

test('an unknown client path still loads the app and shows a not-found page', async ({ page }) => {
  const response = await page.goto('/some/unknown/path');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toContain('text/html');

  await expect(page.getByRole('heading', { level: 1, name: 'We could not find that page' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Crisis help' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found · Stillwater');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: LANDING_TITLE })).toBeVisible();
});

test.describe('appearance', () => {
  test.use({ colorScheme: 'light' });

  test('a chosen dark theme overrides the system, survives a reload and can be undone', async ({ page }) => {
    await page.goto('/');
    const html = page.locator('html');
    await expect(html).not.toHaveAttribute('data-theme');

    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND.dark);
    await expectNoAxeViolations(page);

    // Applied before first paint by /theme-init.js, so no white flash in a dark room.
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();

    await page.getByRole('radio', { name: 'Match my device' }).check();
    await expect(html).not.toHaveAttribute('data-theme');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND.light);
  });

  test('the data-theme="dark" override and the system dark theme use the same tokens', async ({
    browser,
  }) => {
    const readTokens = async (colorScheme: 'light' | 'dark', forceDark: boolean) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto('/');
      if (forceDark) await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
      const tokens = await page.evaluate(() => {
        const names = new Set<string>();
        for (const sheet of Array.from(document.styleSheets)) {
          for (const rule of Array.from(sheet.cssRules)) {
            const text = rule.cssText;
            for (const match of text.matchAll(/(--color-[a-z0-9-]+|--shadow-[a-z0-9-]+)\s*:/g)) {
              if (match[1]) names.add(match[1]);
            }
          }
        }
        // Tokens are light-dark() pairs: compare what they resolve to on an element, not their text.
        const probe = document.body.appendChild(document.createElement('div'));
        const resolved = (name: string) => {
          const shadow = name.startsWith('--shadow-');
          probe.style.setProperty(shadow ? 'box-shadow' : 'background-color', `var(${name})`);
          const computed = getComputedStyle(probe);
          return shadow ? computed.boxShadow : computed.backgroundColor;
        };
        const values = Object.fromEntries([...names].sort().map((name) => [name, resolved(name)]));
        probe.remove();
        return values;
      });
      await context.close();
      return tokens;
    };

    const systemDark = await readTokens('dark', false);
    const forcedDark = await readTokens('light', true);
    const systemLight = await readTokens('light', false);
    expect(Object.keys(systemDark).length).toBeGreaterThan(10);
    expect(forcedDark).toEqual(systemDark);
    expect(systemLight['--color-bg']).not.toEqual(systemDark['--color-bg']);
  });

  test.describe('with reduced motion requested', () => {
    test.use({ reducedMotion: 'reduce' });

    test('transitions and smooth scrolling are switched off', async ({ page }) => {
      await page.goto('/');
      const button = page.getByRole('link', { name: 'How it works' });
      const transitions = await button.evaluate((element) => getComputedStyle(element).transitionDuration);
      expect(transitions.split(', ').every((duration) => Number.parseFloat(duration) === 0)).toBe(true);
      const scrollBehavior = await page.evaluate(
        () => getComputedStyle(document.documentElement).scrollBehavior,
      );
      expect(scrollBehavior).toBe('auto');
    });
  });
});

test('the app runs under a strict Content-Security-Policy (no inline script or style)', async ({ page }) => {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: LANDING_TITLE })).toBeVisible();
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  // A CSP violation is reported as a console error, which the fixture turns into a failure.
});
