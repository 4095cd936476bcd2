// Takes the README's screenshots (docs/screenshots/*.png) against a freshly seeded server.
// Run: npm run screenshots (needs /usr/bin/chromium).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, login, newPage, root, startServer } from './harness.ts';
import { createTask, failingWebhookDelivery, isoInDays, lookups } from './fixtures.ts';

const outDir = path.join(root, 'docs', 'screenshots');

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const data = await lookups(server);
    const flow = data.flows[0]!.id;
    // Some work of the admin's own, so My Portfolio is not empty.
    const tasks = [
      { title: 'Prepare the quarterly business review', due: isoInDays(-2) },
      { title: 'Confirm renewal terms with procurement', due: isoInDays(1) },
      {
        title: 'Check adoption of the reporting module',
        due: isoInDays(5),
        outcomes: ['Adopted', 'Needs training'],
      },
      { title: 'Introduce the new support engineer', due: isoInDays(9) },
    ];
    for (const [i, t] of tasks.entries()) {
      await createTask(server, {
        accountId: data.accounts[i % data.accounts.length]!.id,
        flowId: flow,
        title: t.title,
        userId: data.me.id,
        dueDate: t.due,
        outcomes: t.outcomes,
      });
    }
    const segment = await server.api<{ id: string }>('POST', '/api/v1/segments', {
      name: 'Poor health',
      subject: 'accounts',
      criteria: {
        kind: 'and',
        items: [{ kind: 'compare', field: 'attributes.health', op: 'eq', value: 'poor' }],
      },
    });
    const play = await server.api<{ id: string }>('POST', '/api/v1/plays', {
      name: 'Rescue poor-health accounts',
      description: 'When an account turns poor, its Success Manager calls within three days.',
      subject: 'accounts',
      trigger: { type: 'enter' },
      fromSegmentId: segment.id,
      actions: [
        {
          type: 'create_task',
          title: 'Rescue call: {{account.name}}',
          description: 'Find out what went wrong at {{account.name}}.',
          dueInDays: 3,
          priority: 'high',
          flowId: flow,
          assignee: { type: 'user', userId: data.me.id },
          outcomes: ['Recovered', 'Escalated'],
        },
      ],
    });

    // The demo's journey play (seeded), with journeys under way.
    const plays = (
      await server.api<{ data: Array<{ id: string; name: string }> }>('GET', '/api/v1/plays')
    ).data;
    const journeyPlay = plays.find((p) => p.name === 'Onboarding call campaign')!;

    const { page } = await newPage(browser, server.baseUrl);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Playmaker' }).waitFor();
    await shot(page, 'login');
    await login(page);
    await page.getByTestId('task-row').first().waitFor();
    await page
      .getByRole('region', { name: 'What to try next' })
      .getByRole('link')
      .first()
      .waitFor();
    await shot(page, 'my-portfolio');
    await page.goto('/portfolio?group=priority');
    await page.getByTestId('task-row').first().waitFor();
    await shot(page, 'work-list');
    await page.getByRole('button', { name: /^Feed/ }).click();
    await page.getByRole('dialog', { name: 'Feed' }).waitFor();
    await shot(page, 'feed-drawer');
    await page.keyboard.press('Escape');
    await page.goto('/accounts');
    await page.getByRole('table', { name: 'Accounts' }).waitFor();
    await shot(page, 'accounts');
    await page.goto(`/accounts/${data.accounts[0]!.id}`);
    await page.getByRole('tab', { name: /Work/ }).waitFor();
    await shot(page, 'account-profile');
    await page.getByRole('button', { name: 'Add task' }).first().click();
    await page.getByRole('dialog', { name: 'Add task' }).waitFor();
    await shot(page, 'add-task');
    await page.keyboard.press('Escape');
    await page.goto('/portfolio');
    await page.getByRole('button', { name: /^Complete Check adoption/ }).click();
    await page.getByRole('dialog', { name: /Mark task as complete/ }).waitFor();
    await page.getByRole('checkbox', { name: /post-completion touchpoint/ }).check();
    await shot(page, 'complete-task');
    await page.keyboard.press('Escape');
    await page.goto('/tasks?assignee=all&group=account');
    await page.getByTestId('task-row').first().waitFor();
    await page.getByTestId('task-row').nth(0).getByRole('checkbox').check();
    await page.getByTestId('task-row').nth(1).getByRole('checkbox').check();
    await shot(page, 'tasks-collection');
    await page.goto(
      `/tasks?assignee=all&task=${(await page.getByTestId('task-row').first().getAttribute('data-task-id'))!}`,
    );
    await page.getByRole('dialog', { name: 'Task' }).getByRole('heading').first().waitFor();
    await shot(page, 'task-panel');
    await page.goto(`/segments/${segment.id}`);
    await page.getByTestId('preview-count').waitFor();
    await shot(page, 'segment');
    await page.goto(`/plays/${play.id}`);
    await page.getByRole('heading', { name: 'Rescue poor-health accounts' }).waitFor();
    await shot(page, 'play-builder');
    // Made only now, so the feed above shows the demo's own items, not this play's assignments.
    // Effectiveness with a holdout: every account without the tag enters, half are held out; tagging
    // twelve of them is the goal (they leave the criteria), reached in both groups.
    const checkIn = await server.api<{ id: string }>('POST', '/api/v1/plays', {
      name: 'Check in with every account',
      description: 'A call for each account; half are held out to measure what the call changes.',
      subject: 'accounts',
      trigger: { type: 'enter' },
      criteria: { kind: 'tags', op: 'has_not', tag: 'checked-in' },
      holdoutPercent: 50,
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: 'Check-in call: {{account.name}}',
          description: '<p>How is it going?</p>',
          dueInDays: 5,
          flowId: flow,
          assignee: { type: 'user', userId: data.me.id },
        },
      ],
    });
    await server.api('POST', `/api/v1/plays/${checkIn.id}/enable`, { fireNow: true });
    for (const a of data.accounts.slice(0, 12)) {
      const acc = await server.api<{ version: number; tags: string[] }>(
        'GET',
        `/api/v1/accounts/${a.id}`,
      );
      await server.api('PATCH', `/api/v1/accounts/${a.id}`, {
        version: acc.version,
        tags: [...acc.tags, 'checked-in'],
      });
    }
    // Goals are recorded as the engine processes the changes.
    for (let i = 0; i < 60; i++) {
      const { holdout } = await server.api<{
        holdout: { treated: { reachedGoal: number }; heldOut: { reachedGoal: number } };
      }>('GET', `/api/v1/plays/${checkIn.id}/effectiveness`);
      if (holdout.treated.reachedGoal + holdout.heldOut.reachedGoal >= 12) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // A draft on the enabled rescue play, so its Versions tab has something to compare.
    await server.api('POST', `/api/v1/plays/${play.id}/enable`, { fireNow: false });
    const rescue = await server.api<{ version: number; actions: Array<Record<string, unknown>> }>(
      'GET',
      `/api/v1/plays/${play.id}`,
    );
    await server.api('PATCH', `/api/v1/plays/${play.id}`, {
      version: rescue.version,
      actions: [
        { ...rescue.actions[0], dueInDays: 2, outcomes: ['Recovered', 'Escalated', 'Lost'] },
      ],
    });
    await page.goto(`/plays/${play.id}?tab=versions`);
    await page
      .getByRole('table', { name: 'Versions' })
      .getByRole('button', { name: 'Compare' })
      .first()
      .click();
    await page.getByLabel('Changes in version 2').waitFor();
    await shot(page, 'play-versions');
    await page.goto(`/plays/${checkIn.id}?tab=effectiveness`);
    await page.getByTestId('holdout-comparison').waitFor();
    await shot(page, 'play-effectiveness');
    await page.goto(`/plays/${journeyPlay.id}?tab=setup`);
    await page.getByTestId('step-counts').first().waitFor();
    // The Steps section at the top of the window, below the header.
    await page
      .getByText('Run as a journey')
      .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 150));
    await shot(page, 'journey-builder');
    // A journey past the branch (in a timed wait), so it has steps done; the first one otherwise.
    await page.goto(`/plays/${journeyPlay.id}?tab=journeys`);
    const rows = page.getByRole('row').filter({ has: page.getByRole('button') });
    await rows.first().waitFor();
    const further = rows.filter({ hasText: /after the previous step/ });
    await ((await further.count()) ? further : rows).first().getByRole('button').first().click();
    await page.getByTestId('journey-view').waitFor();
    await shot(page, 'journey-view');
    await page.goto('/templates');
    await page.getByRole('heading', { name: 'Templates & outcomes' }).waitFor();
    await shot(page, 'templates');
    await page.goto('/settings?tab=workspace');
    await page.getByText('When an account role changes hands').waitFor();
    await shot(page, 'settings');
    await page.goto('/spotlight?days=90');
    await page.getByTestId('member-ribbon').first().waitFor();
    await shot(page, 'team-spotlight');
    await page.goto('/spotlight?days=90&drill=overdue');
    await page.getByTestId('spotlight-drill').getByTestId('task-row').first().waitFor();
    await shot(page, 'team-spotlight-drill');
    const { deliveryId } = await failingWebhookDelivery(server, data.accounts[1]!.id);
    await page.goto(`/webhooks?delivery=${deliveryId}`);
    await page.getByTestId('delivery-status').waitFor();
    await shot(page, 'webhook-deliveries');
    await page.goto('/settings?tab=webhooks');
    await page.getByRole('button', { name: 'Show secret' }).click();
    await page.getByTestId('signing-secret').waitFor();
    await shot(page, 'webhook-settings');
    await page.goto('/settings?tab=outbox');
    await page
      .getByRole('table', { name: 'E-mail outbox' })
      .or(page.getByText('No e-mails'))
      .waitFor();
    if (await page.getByTestId('outbox-row').count()) {
      await page.getByTestId('outbox-row').first().getByRole('button').click();
      await page.getByTestId('outbox-text').waitFor();
    }
    await shot(page, 'email-outbox');

    // On a phone: My Portfolio, and tasks as cards.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/portfolio');
    await page.getByTestId('task-card').first().waitFor();
    await shot(page, 'phone-portfolio');
    await page.goto('/tasks?assignee=all');
    await page.getByTestId('task-card').first().waitFor();
    await shot(page, 'phone-tasks');
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
