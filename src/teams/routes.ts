import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { createTeam } from './create-team.ts';
import { deleteTeam } from './delete-team.ts';
import { getTeam, listTeams } from './list-teams.ts';
import { setTeamMembers } from './set-team-members.ts';
import { updateTeam } from './update-team.ts';
import {
  createTeamBody,
  setMembersBody,
  teamListSchema,
  teamSchema,
  updateTeamBody,
} from './schema.ts';

const params = z.object({ id: z.uuid() });
const tags = ['teams'];

export async function teamRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/teams',
    {
      schema: {
        tags,
        summary: 'List teams',
        querystring: z.strictObject({
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: teamListSchema },
      },
    },
    async (req) => listTeams(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/teams/:id',
    {
      schema: { tags, summary: 'One team', params, response: { 200: teamSchema } },
    },
    async (req) => getTeam(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/teams',
    {
      schema: {
        tags,
        summary: 'Create a team (admin)',
        body: createTeamBody,
        response: { 201: teamSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createTeam(deps, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        summary: 'Rename a team or set its holiday calendar (admin)',
        params,
        body: updateTeamBody,
        response: { 200: teamSchema },
      },
    },
    async (req) => updateTeam(deps, actorOf(req), req.params.id, req.body),
  );

  app.put(
    '/api/v1/teams/:id/members',
    {
      schema: {
        tags,
        summary: 'Replace a team’s members (admin)',
        params,
        body: setMembersBody,
        response: { 200: teamSchema },
      },
    },
    async (req) => setTeamMembers(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        summary: 'Delete a team (admin; refused while it is the only team of an account)',
        params,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteTeam(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
