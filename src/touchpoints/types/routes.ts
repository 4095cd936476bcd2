import { z } from 'zod';
import type { Deps } from '../../context.ts';
import type { App } from '../../http/app-type.ts';
import { actorOf } from '../../http/actor.ts';
import { createTouchpointType, updateTouchpointType } from './manage.ts';
import { listTouchpointTypes } from './queries.ts';
import {
  createTouchpointTypeBody,
  touchpointTypeItem,
  touchpointTypeList,
  touchpointTypeListQuery,
  updateTouchpointTypeBody,
} from './schema.ts';

const params = z.object({ id: z.uuid() });
const tags = ['touchpoints'];

export async function touchpointTypeRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/touchpoint-types',
    {
      schema: {
        tags,
        summary:
          'Touchpoint types a touchpoint may use: the built-in four, then the workspace’s own (archived ones with includeArchived=true)',
        querystring: touchpointTypeListQuery,
        response: { 200: touchpointTypeList },
      },
    },
    async (req) => ({
      data: await listTouchpointTypes(deps.db, actorOf(req).workspaceId, {
        includeArchived: req.query.includeArchived === 'true',
      }),
    }),
  );

  app.post(
    '/api/v1/touchpoint-types',
    {
      schema: {
        tags,
        summary: 'Add a touchpoint type (admin; the key is derived from the label unless given)',
        body: createTouchpointTypeBody,
        response: { 201: touchpointTypeItem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createTouchpointType(deps, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/touchpoint-types/:id',
    {
      schema: {
        tags,
        summary: 'Rename, archive or restore a touchpoint type (admin; the key never changes)',
        params,
        body: updateTouchpointTypeBody,
        response: { 200: touchpointTypeItem },
      },
    },
    async (req) => updateTouchpointType(deps, actorOf(req), req.params.id, req.body),
  );
}
