// "Draft with AI" in a real browser against a loopback server speaking the OpenAI chat-completions
// protocol: hidden while the workspace has AI text off; on, it fills the description, which the user edits and saves.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';
import { getTask, lookups } from './fixtures.ts';

describe('Draft with AI in the Add task dialog', () => {
  let model: http.Server;
  const prompts: string[] = [];
  let modelUrl: string;
  let server: Server;
  let page: Page;
  let errors: string[];

  before(async () => {
    model = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        prompts.push(raw);
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            choices: [
              {
                index: 0,
                message: {
                  role: 'assistant',
                  content:
                    '<p>Renewal is close: confirm the seat count.</p><ul><li>Review usage</li></ul><img src=x onerror="alert(1)">',
                },
              },
            ],
          }),
        );
      });
    });
    await new Promise<void>((r) => model.listen(0, '127.0.0.1', r));
    modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;
  });
  after(async () => {
    await new Promise((r) => model?.close(r));
  });
  browserSuite(
    {
      env: () => ({ PLAYMAKER_AI_URL: modelUrl, PLAYMAKER_AI_MODEL: 'loopback-model' }),
      signIn: true,
    },
    (s) => {
      ({ server, page, errors } = s);
    },
  );

  const openAddTask = async () => {
    await page.getByRole('button', { name: 'Quick actions' }).click();
    await page.getByRole('menuitem', { name: 'Add task' }).click();
    return page.getByRole('dialog', { name: 'Add task' });
  };

  it('offers nothing while AI text is off for the workspace', () =>
    withShot(
      () => page,
      'ai draft hidden',
      async () => {
        await server.api('PATCH', '/api/v1/workspace', { settings: { aiText: false } });
        const dialog = await openAddTask();
        await dialog.getByRole('textbox', { name: 'Title' }).waitFor();
        assert.equal(await dialog.getByRole('button', { name: 'Draft with AI' }).count(), 0);
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await dialog.waitFor({ state: 'detached' });
      },
    ));

  it('drafts the description from the account and title; the user edits it and saves', () =>
    withShot(
      () => page,
      'ai draft',
      async () => {
        await server.api('PATCH', '/api/v1/workspace', { settings: { aiText: true } });
        await page.reload();
        const account = (await lookups(server)).accounts[0]!;
        const dialog = await openAddTask();
        await dialog.getByRole('combobox', { name: 'Account' }).fill(account.name);
        await page.getByRole('option', { name: account.name, exact: true }).click();
        await dialog.getByRole('textbox', { name: 'Title' }).fill('Prepare the renewal call');
        await dialog.getByRole('button', { name: 'Draft with AI' }).click();
        const editor = dialog.getByRole('textbox', { name: 'Description' });
        await editor.getByText('Renewal is close: confirm the seat count.').waitFor();
        assert.match(prompts.at(-1)!, new RegExp(`Account: ${account.name}`));
        assert.match(prompts.at(-1)!, /Task title: Prepare the renewal call/);
        await editor.click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type(' Bring the usage report.');
        await dialog.getByRole('button', { name: 'Add', exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        const panel = page.getByRole('dialog', { name: 'Task' });
        await panel.getByRole('heading', { name: 'Prepare the renewal call' }).waitFor();
        const id = new URL(page.url()).searchParams.get('task');
        assert.ok(id, 'the new task is open in the panel');
        const task = (await getTask(server, id)) as unknown as { description: string };
        assert.match(task.description, /Renewal is close/);
        assert.match(task.description, /Bring the usage report\./);
        assert.doesNotMatch(task.description, /onerror|<img/);
        assert.deepEqual(errors, []);
      },
    ));
});
