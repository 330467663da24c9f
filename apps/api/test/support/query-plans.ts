import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { TestApp } from './test-app';

/** A node of PostgreSQL's `EXPLAIN (ANALYZE, FORMAT JSON)` plan, with what the plan tests read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Heap Fetches'?: number;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
}

/** The node and all below it, flattened. */
export const planNodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(planNodes)];

/** Rows a plan read from `relation` (actual rows × loops, over every node scanning it). */
export const rowsReadFrom = (plan: PlanNode[], relation: string): number =>
  plan.filter((n) => n['Relation Name'] === relation).reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0);

/**
 * The statements matching `pattern` that `request` sent through TypeORM, with their parameters, and
 * what it answered. Lists send their page and total in one raw statement, so this is how a test sees it.
 */
export async function statementsSent<T>(pattern: RegExp, request: () => Promise<T>): Promise<{ result: T; statements: Array<[string, unknown[]]> }> {
  const statements: Array<[string, unknown[]]> = [];
  const original = PostgresQueryRunner.prototype.query;
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    if (pattern.test(args[0])) statements.push([args[0], Array.isArray(args[1]) ? (args[1] as unknown[]) : []]);
    return original.apply(this, args);
  });
  try {
    return { result: await request(), statements };
  } finally {
    spy.mockRestore();
  }
}

/** A list statement's plan, split into its total (the InitPlan counting) and its page (the rest). */
export async function listPlanOf(t: TestApp, [sql, params]: [string, unknown[]]): Promise<{ count: PlanNode[]; items: PlanNode[] }> {
  const [row] = await t.sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  const root = row?.['QUERY PLAN'][0]?.Plan;
  if (!root) throw new Error('no plan');
  const total = root.Plans?.find((n) => n['Parent Relationship'] === 'InitPlan' && n['Node Type'] === 'Aggregate');
  if (!total) throw new Error('no count in the list statement');
  return { count: planNodes(total), items: planNodes({ ...root, Plans: root.Plans?.filter((n) => n !== total) }) };
}
