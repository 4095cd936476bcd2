import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { completeTask } from './complete-task.ts';
import { createRequestInfo } from './create-request-info.ts';
import { createTask } from './create-task.ts';
import { deleteTask } from './delete-task.ts';
import { getTask } from './get-task.ts';
import {
  completeResult,
  completeTaskBody,
  createTodoBody,
  requestInfoBody,
  submitFormBody,
  taskDetail,
  updateTaskBody,
} from './schema.ts';
import { submitForm } from './submit-form.ts';
import { updateTask } from './update-task.ts';
import { requireVersion, versionFrom } from '../http/versions.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['tasks'];

/** Single-task endpoints: create (to-do, request information), read, edit, complete, submit form, delete. */
export async function taskRoutes(app: App, deps: Deps) {
  app.post(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary: 'Create a to-do on an account',
        body: createTodoBody,
        response: { 201: taskDetail },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await createTask(deps, actor, req.body);
      const task = await getTask(deps, actor, id);
      return reply
        .status(201)
        .header('location', `/api/v1/tasks/${id}`)
        .header('etag', `"${task.version}"`)
        .send(task);
    },
  );

  app.post(
    '/api/v1/tasks/request-info',
    {
      schema: {
        tags,
        summary: 'Request information: ask a user (or role holder) to fill a form for an account',
        body: requestInfoBody,
        response: { 201: taskDetail },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await createRequestInfo(deps, actor, req.body);
      const task = await getTask(deps, actor, id);
      return reply
        .status(201)
        .header('location', `/api/v1/tasks/${id}`)
        .header('etag', `"${task.version}"`)
        .send(task);
    },
  );

  app.get(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary: 'One task with its associated contacts (ETag = version)',
        params: idParams,
        response: { 200: taskDetail },
      },
    },
    async (req, reply) => {
      const task = await getTask(deps, actorOf(req), req.params.id);
      return reply.header('etag', `"${task.version}"`).send(task);
    },
  );

  app.patch(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary:
          'Edit an open to-do (title, description, due date, assignee, priority); needs version or If-Match',
        params: idParams,
        body: updateTaskBody,
        response: { 200: taskDetail },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { version: bodyVersion, ...changes } = req.body;
      await updateTask(
        deps,
        actor,
        req.params.id,
        changes,
        requireVersion(bodyVersion, req.headers['if-match']),
      );
      const task = await getTask(deps, actor, req.params.id);
      return reply.header('etag', `"${task.version}"`).send(task);
    },
  );

  app.post(
    '/api/v1/tasks/:id/complete',
    {
      schema: {
        tags,
        summary:
          'Complete a to-do with optional outcome, touchpoint, attribute update and follow-up (one transaction)',
        params: idParams,
        body: completeTaskBody,
        response: { 200: completeResult },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const version = versionFrom(req.body.version, req.headers['if-match']);
      const done = await completeTask(deps, actor, req.params.id, { ...req.body, version });
      return { ...done, task: await getTask(deps, actor, req.params.id) };
    },
  );

  app.post(
    '/api/v1/tasks/:id/form',
    {
      schema: {
        tags,
        summary:
          'Submit a request-information form: writes the account attributes and completes the task',
        params: idParams,
        body: submitFormBody,
        response: {
          200: z.object({ task: taskDetail, attributes: z.record(z.string(), z.unknown()) }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const version = versionFrom(req.body.version, req.headers['if-match']);
      const done = await submitForm(deps, actor, req.params.id, {
        values: req.body.values,
        version,
      });
      return { task: await getTask(deps, actor, req.params.id), attributes: done.attributes };
    },
  );

  app.delete(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Delete (cancel) an open to-do; If-Match optional',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteTask(
        deps,
        actorOf(req),
        req.params.id,
        versionFrom(undefined, req.headers['if-match']),
      );
      return reply.status(204).send(null);
    },
  );
}
