import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page';

const SANDBOX = '/sandbox/';

/** The output lines of the last command whose line contains `marker` (the lines between it and the next prompt). */
async function outputAfter(terminal: TerminalPage, marker: string): Promise<string[]> {
  const lines = (await terminal.text()).split('\n');
  let start = -1;
  lines.forEach((line, index) => {
    if (line.includes(marker) && line.startsWith('learner@layerlab')) start = index;
  });
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('learner@layerlab')) break;
    out.push(line);
  }
  return out;
}

function panel(page: Page, id: string) {
  return page.locator(`[data-views] [data-view="${id}"]`);
}

test('a build shows its layers bottom to top with docker history\'s instructions and sizes, and the COPY layer\'s file as added', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  const layers = panel(page, 'layers');
  await expect(layers).toBeVisible();

  await terminal.run(`docker pull -q alpine && mkdir app && cd app && printf 'FROM alpine\\nENV GREETING=hello\\nCOPY note.txt /srv/\\nRUN echo built > /srv/built.txt && rm /etc/motd\\n' > Dockerfile && echo hello > note.txt`);
  await terminal.waitForPrompt();
  await terminal.run('docker build -q -t lxdemo .');
  await terminal.waitForText(/\nsha256:[0-9a-f]{64}\n/, 30_000);
  await terminal.waitForPrompt();
  const marker = 'docker history --no-trunc --format "{{.CreatedBy}}|{{.Size}}" lxdemo';
  await terminal.run(marker);
  await terminal.waitForText(/ADD alpine-minirootfs[^\n]*\|7\.81MB\n/);
  await terminal.waitForPrompt();
  // docker history lists top first; the explorer lists bottom first.
  const history = (await outputAfter(terminal, marker))
    .filter((line) => line.includes('|'))
    .map((line) => {
      const bar = line.lastIndexOf('|');
      return { createdBy: line.slice(0, bar), size: line.slice(bar + 1) };
    })
    .reverse();
  expect(history.length).toBe(5);

  // The new image is picked as it arrives, without a reload.
  await expect(layers.locator('[data-image-picker]')).toHaveValue('lxdemo:latest', { timeout: 10_000 });
  const rows = layers.locator('[data-layer-row]');
  await expect(rows).toHaveCount(history.length);
  for (const [index, expected] of history.entries()) {
    const row = rows.nth(index);
    const whole = row.getByRole('button', { name: 'Full instruction' });
    let shown: string;
    if ((await whole.count()) > 0) {
      await whole.click();
      shown = (await row.locator('.lx-whole').textContent()) ?? '';
    } else {
      shown = (await row.locator('[data-instruction]').textContent()) ?? '';
    }
    expect(shown).toBe(expected.createdBy);
    await expect(row.locator('.lx-size')).toHaveText(expected.size);
    await expect(row).toHaveAttribute('data-kind', expected.size === '0B' && !expected.createdBy.startsWith('RUN') && !expected.createdBy.startsWith('COPY') ? 'metadata' : 'layer');
  }
  // The base layer is alpine's: shared with it.
  await expect(rows.first().locator('[data-shared]')).toContainText('alpine:latest');
  // Image-level figures: the RUN deleted /etc/motd, whose bytes still travel in the base layer.
  await expect(layers.locator('[data-total-size]')).toHaveText('7.81MB');
  await expect(layers.locator('[data-score]')).toHaveText(/^\d+\.\d%$/);
  await expect(layers.locator('.lx-explain')).toContainText('Wasted space');

  // Select the COPY layer (layer 2) and open /srv from the keyboard.
  const copy = rows.filter({ hasText: 'COPY note.txt /srv/' });
  await copy.locator('.lx-layer-select').click();
  await expect(copy.getByRole('button', { pressed: true })).toBeVisible();
  const tree = layers.getByRole('tree');
  await expect(tree).toHaveAttribute('aria-label', 'Files as of layer 2');
  const srv = tree.locator('[data-path="/srv"]');
  await srv.focus();
  await page.keyboard.press('Enter');
  await expect(srv).toHaveAttribute('aria-expanded', 'true');
  const note = tree.locator('[data-path="/srv/note.txt"]');
  await expect(note).toHaveAttribute('data-status', 'added');
  // Marked by symbol and word, not colour only.
  await expect(note.locator('.ft-mark')).toHaveText('+');
  await expect(note).toContainText('added');
  await expect(note.locator('.ft-size')).toContainText('6B');
  // The RUN's file is not there yet as of the COPY layer.
  await expect(tree.locator('[data-path="/srv/built.txt"]')).toHaveCount(0);

  // Changed only: /bin did not change in this layer.
  await expect(tree.locator('[data-path="/bin"]')).toHaveCount(1);
  await layers.getByLabel('Changed only').check();
  await expect(tree.locator('[data-path="/bin"]')).toHaveCount(0);
  await expect(tree.locator('[data-path="/srv/note.txt"]')).toHaveCount(1);

  // The RUN layer: /etc/motd removed.
  const run = rows.filter({ hasText: 'RUN /bin/sh -c echo built' });
  await run.locator('.lx-layer-select').click();
  await expect(tree).toHaveAttribute('aria-label', 'Files as of layer 3');
  const etc = tree.locator('[data-path="/etc"]');
  await etc.click();
  await expect(tree.locator('[data-path="/etc/motd"]')).toHaveAttribute('data-status', 'removed');
  await expect(tree.locator('[data-path="/etc/motd"] .ft-mark')).toHaveText('−');

  // A rebuild with a change follows live.
  await terminal.screen.click();
  await terminal.run(`printf 'RUN echo more > /srv/more.txt\\n' >> Dockerfile && docker build -q -t lxdemo .`);
  await terminal.waitForPrompt(30_000);
  await expect(rows).toHaveCount(history.length + 1, { timeout: 10_000 });
  await expect(rows.last()).toContainText('RUN /bin/sh -c echo more > /srv/more.txt');
});

test('a large tree (ubuntu) renders only the rows in view and stays keyboard operable', async ({ page }) => {
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('docker pull -q ubuntu');
  await terminal.waitForText('docker.io/library/ubuntu:latest\n', 30_000);
  await terminal.waitForPrompt();
  const layers = panel(page, 'layers');
  await expect(layers.locator('[data-image-picker]')).toHaveValue('ubuntu:latest', { timeout: 10_000 });
  const tree = layers.getByRole('tree');
  await tree.locator('[data-path="/usr"]').click();
  await expect(tree.locator('[data-path="/usr"]')).toHaveAttribute('aria-expanded', 'true');
  // The pull's events make the tree list itself again; a key pressed while that lands may be taken by the old rows.
  await expect(async () => {
    await tree.locator('[data-path="/usr/bin"]').focus();
    await page.keyboard.press('ArrowRight');
    await expect(tree.locator('[data-path="/usr/bin"]')).toHaveAttribute('aria-expanded', 'true', { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAttribute('data-path', /^\/usr\/bin\/./);
  const setSize = Number(await page.locator(':focus').getAttribute('aria-setsize'));
  expect(setSize).toBeGreaterThan(200);
  // Only a window of rows is in the DOM.
  expect(await tree.getByRole('treeitem').count()).toBeLessThan(60);
  // End reaches the last row (scrolling it into view), Home the first; Left goes to the parent.
  await page.keyboard.press('End');
  await expect(page.locator(':focus')).toHaveAttribute('data-path', '/var');
  await page.keyboard.press('Home');
  await expect(page.locator(':focus')).toHaveAttribute('data-path', '/bin');
  await tree.locator('[data-path="/usr/bin"]').focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('PageDown');
  await expect(page.locator(':focus')).toHaveAttribute('data-path', /^\/usr\/bin\/./);
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator(':focus')).toHaveAttribute('data-path', '/usr/bin');
  await page.keyboard.press('ArrowLeft');
  await expect(tree.locator('[data-path="/usr/bin"]')).toHaveAttribute('aria-expanded', 'false');
  expect(await tree.getByRole('treeitem').count()).toBeLessThan(60);
});

test('compare ubuntu, alpine and distroless static: the sizes docker images reports, with bars to scale', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run('docker pull -q ubuntu && docker pull -q alpine && docker pull -q gcr.io/distroless/static-debian12');
  await terminal.waitForText('gcr.io/distroless/static-debian12:latest\n', 60_000);
  await terminal.waitForPrompt();
  const marker = 'docker images --format "{{.Repository}}:{{.Tag}}|{{.Size}}"';
  await terminal.run(marker);
  await terminal.waitForText(/\nubuntu:latest\|[\d.]+[kMG]?B\n/);
  await terminal.waitForPrompt();
  const sizes = new Map(
    (await outputAfter(terminal, marker))
      .filter((line) => line.includes('|'))
      .map((line) => line.split('|') as [string, string]),
  );
  expect(sizes.size).toBe(3);

  await page.getByRole('tab', { name: 'Compare' }).click();
  const compare = panel(page, 'compare');
  const refs = ['ubuntu:latest', 'alpine:latest', 'gcr.io/distroless/static-debian12:latest'];
  for (const ref of refs) await compare.locator(`[data-compare-choice="${ref}"]`).check();
  const table = compare.locator('[data-compare-table]');
  await expect(table.locator('thead th')).toHaveText(refs, { timeout: 15_000 });
  for (const ref of refs) await expect(table.locator(`[data-compare-size="${ref}"] .cmp-number`)).toHaveText(sizes.get(ref) ?? 'missing');
  // The bars are to scale: ubuntu's is the widest and full.
  const widths = await Promise.all(refs.map((ref) => table.locator(`[data-compare-size="${ref}"] .cmp-bar-fill`).evaluate((element) => element.getBoundingClientRect().width)));
  const [ubuntu = 0, alpine = 0, distroless = 0] = widths;
  expect(ubuntu).toBeGreaterThan(alpine);
  expect(alpine).toBeGreaterThan(distroless);
  const track = await table.locator(`[data-compare-size="ubuntu:latest"] .cmp-bar`).evaluate((element) => element.clientWidth);
  expect(Math.abs(ubuntu - track)).toBeLessThan(2);
  // Shell and package managers and user, from the images' contents.
  const row = (name: string) => table.locator(`tr[data-row="${name}"] td`);
  await expect(row('shell')).toHaveText(['✓ yes', '✓ yes', '✗ no']);
  await expect(row('package-managers').nth(0)).toContainText('apt-get');
  await expect(row('package-managers').nth(1)).toContainText('apk');
  await expect(row('package-managers').nth(2)).toHaveText('none');
  // distroless static's :latest runs as root (its :nonroot tag does not).
  await expect(row('user')).toHaveText([/^root \(root, uid 0\)$/, /^root \(root, uid 0\)$/, /^root \(root, uid 0\)$/]);
  await expect(row('layers').nth(0)).toHaveText(/^\d+$/);
  // Files that differ: counts, with the list on demand.
  const files = row('files').nth(1);
  await expect(files).toContainText(/\d+ only here/);
  await files.locator('summary').first().click();
  await expect(files.locator('.cmp-paths li').first()).toBeVisible();
});

test('file names, labels and instructions that look like HTML show as text and never run', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { __xss: number }).__xss = 0;
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(SANDBOX);
  const terminal = new TerminalPage(page);
  await terminal.ready();
  await terminal.run(
    `docker pull -q alpine && mkdir x && cd x && touch '<img src=x onerror=alert(1)>.txt' && printf 'FROM alpine\\nLABEL note="<svg onload=alert(2)>"\\nCOPY . /x/\\nRUN echo "<script>window.__xss=1</script>" > "/x/<b onmouseover=alert(3)>b.html"\\n' > Dockerfile`,
  );
  await terminal.waitForPrompt();
  await terminal.run('docker build -q -t xss .');
  await terminal.waitForText(/\nsha256:[0-9a-f]{64}\n/, 30_000);
  await terminal.waitForPrompt();

  const layers = panel(page, 'layers');
  await expect(layers.locator('[data-image-picker]')).toHaveValue('xss:latest', { timeout: 10_000 });
  const rows = layers.locator('[data-layer-row]');
  await expect(rows.filter({ hasText: 'LABEL note=<svg onload=alert(2)>' })).toHaveCount(1);
  const run = rows.filter({ hasText: 'RUN /bin/sh -c echo "<script>' });
  await run.getByRole('button', { name: 'Full instruction' }).click();
  await expect(run.locator('.lx-whole')).toHaveText('RUN /bin/sh -c echo "<script>window.__xss=1</script>" > "/x/<b onmouseover=alert(3)>b.html" # buildkit');

  // The COPY layer's files, named like HTML.
  await layers.getByRole('button', { name: 'All layers: the whole image, against its base layer' }).click();
  const tree = layers.getByRole('tree');
  await tree.locator('[data-path="/x"]').click();
  const img = tree.locator('[data-path="/x/<img src=x onerror=alert(1)>.txt"]');
  await expect(img).toContainText('<img src=x onerror=alert(1)>.txt');
  await expect(img).toHaveAttribute('data-status', 'added');
  const bold = tree.locator('[data-path="/x/<b onmouseover=alert(3)>b.html"]');
  await expect(bold).toContainText('<b onmouseover=alert(3)>b.html');
  await bold.hover();

  // In the comparison too.
  await page.getByRole('tab', { name: 'Compare' }).click();
  const compare = panel(page, 'compare');
  await compare.locator('[data-compare-choice="alpine:latest"]').check();
  await compare.locator('[data-compare-choice="xss:latest"]').check();
  const files = compare.locator('tr[data-row="files"] td').nth(1);
  await files.locator('summary').first().click();
  await expect(files).toContainText('/x/<img src=x onerror=alert(1)>.txt');

  // Nothing became markup, nothing ran.
  await expect(page.locator('[data-views] img, [data-views] svg, [data-views] script, [data-views] b')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the layer explorer and the comparison have no serious axe violations in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((value) => localStorage.setItem('layerlab:theme', value), theme);
    await page.goto(SANDBOX);
    const terminal = new TerminalPage(page);
    await terminal.ready();
    await terminal.run(`docker pull -q alpine && docker pull -q busybox && printf 'FROM alpine\\nRUN echo hi > /hi.txt && rm /etc/motd && echo this instruction is long enough to be cut in the list\\n' > Dockerfile && docker build -q -t axe .`);
    await terminal.waitForText(/\nsha256:[0-9a-f]{64}\n/, 30_000);
    const layers = panel(page, 'layers');
    await expect(layers.locator('[data-image-picker]')).toHaveValue('axe:latest', { timeout: 10_000 });
    await layers.getByRole('tree').locator('[data-path="/etc"]').click();
    await expect(layers.getByRole('tree').locator('[data-path="/etc/motd"]')).toHaveAttribute('data-status', 'removed');
    await layers.locator('.lx-waste summary').click();
    await layers.getByRole('button', { name: 'Full instruction' }).first().click();
    const blocking = async (): Promise<string[]> => {
      const results = await new AxeBuilder({ page }).include('[data-views]').analyze();
      return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    };
    expect(await blocking()).toEqual([]);
    await page.getByRole('tab', { name: 'Compare' }).click();
    const compare = panel(page, 'compare');
    for (const ref of ['alpine:latest', 'busybox:latest', 'axe:latest']) await compare.locator(`[data-compare-choice="${ref}"]`).check();
    await expect(compare.locator('[data-compare-table] thead th')).toHaveCount(3);
    await compare.locator('tr[data-row="files"] summary').first().click();
    expect(await blocking()).toEqual([]);
  });
}
