// Criteria trees as the API stores them (src/segments/criteria.ts on the server).
export type Scalar = string | number | boolean;
export type CompareOp =
  | 'eq'
  | 'neq'
  | 'lt'
  | 'gt'
  | 'lte'
  | 'gte'
  | 'between'
  | 'in'
  | 'contains'
  | 'is_empty'
  | 'is_set'
  | 'is_not_set'
  | 'within_next_days'
  | 'within_last_days'
  | 'more_than_days_ago'
  | 'more_than_days_ahead';
export type Leaf =
  | {
      kind: 'compare';
      field: string;
      op: CompareOp;
      value?: Scalar;
      values?: Scalar[];
      days?: number;
    }
  | { kind: 'tags'; op: 'has' | 'has_not'; tag: string; of?: 'self' | 'parent' | 'account' }
  | { kind: 'has_parent'; value: boolean }
  | {
      kind: 'task_stat';
      metric: 'overdue' | 'open' | 'created' | 'completed';
      playId?: string;
      flowId?: string;
      periodDays?: number;
      op: 'gte' | 'lte' | 'eq';
      value: number;
    }
  | { kind: 'in_segment' | 'not_in_segment'; segmentId: string };
export type Criteria =
  | { kind: 'and'; items: Criteria[] }
  | { kind: 'or'; items: Criteria[] }
  | { kind: 'not'; item: Criteria }
  | Leaf;

export type Subject = 'accounts' | 'contacts';
export type Segment = {
  id: string;
  name: string;
  subject: Subject;
  criteria: Criteria;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};
export type PreviewRow = {
  id: string;
  name: string;
  externalId: string;
  accountId: string;
  accountName: string;
  email: string | null;
  lifecycleStage: string | null;
  tags: string[];
};
export type Preview = { count: number; data: PreviewRow[] };
