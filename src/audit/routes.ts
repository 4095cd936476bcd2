import { Readable } from 'node:stream';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { exportAuditCsv } from './export-audit-csv.ts';
import { listAuditEvents } from './list-audit-events.ts';
import { auditExportQuery, auditListQuery, auditPageSchema } from './schema.ts';

const tags = ['audit'];

export async function auditRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags,
        summary: 'The workspace’s audit log of admin actions, newest first (admin)',
        querystring: auditListQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (req) => listAuditEvents(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/audit-events/export.csv',
    {
      schema: {
        tags,
        summary: 'The filtered audit log as CSV (admin; formula-injection safe)',
        querystring: auditExportQuery,
      },
    },
    async (req, reply) => {
      const lines = exportAuditCsv(deps, actorOf(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="audit-log-${deps.clock.now().toISOString().slice(0, 10)}.csv"`,
        )
        .send(Readable.from(lines));
    },
  );
}
