/**
 * The tables of the progress read model. The live model lives in `public`; a rebuild creates the
 * same tables in a schema of its own (see ProgressRebuild), so both are written by the same code
 * (the projector uses unqualified names and the transaction's search_path picks the schema).
 */
export const PROGRESS_TABLES = ['progress_facts', 'intern_progress', 'intern_risk_weeks'] as const;

type Run = (sql: string) => Promise<unknown>;

const q = (schema: string): string => `"${schema.replace(/"/g, '')}"`;

export async function createProgressTables(run: Run, schema = 'public'): Promise<void> {
  const s = q(schema);
  await run(`
    CREATE TABLE ${s}.progress_facts (
      cohort_id text NOT NULL,
      intern_id text NOT NULL,
      kind text NOT NULL,
      fact_key text NOT NULL,
      event_id text COLLATE "C" NOT NULL,
      occurred_at timestamptz NOT NULL,
      data jsonb NOT NULL,
      PRIMARY KEY (cohort_id, intern_id, kind, fact_key)
    )`);
  await run(`
    CREATE TABLE ${s}.intern_progress (
      cohort_id text NOT NULL,
      intern_id text NOT NULL,
      name text NOT NULL,
      enrollment_status text NOT NULL,
      risk_level text NOT NULL,
      risk_reasons text[] NOT NULL,
      primary_mentor_id text,
      mentor_ids text[] NOT NULL,
      details jsonb NOT NULL,
      PRIMARY KEY (cohort_id, intern_id)
    )`);
  await run(`CREATE INDEX intern_progress_list_idx ON ${s}.intern_progress (cohort_id, name, intern_id)`);
  await run(`CREATE INDEX intern_progress_intern_idx ON ${s}.intern_progress (intern_id)`);
  await run(`CREATE INDEX intern_progress_mentors_idx ON ${s}.intern_progress USING gin (mentor_ids)`);
}

/**
 * Each intern's risk level per program week (the last level derived while the cohort clock was in
 * that week); weeks without a row carry the previous level forward when read (riskByWeek).
 */
export async function createRiskWeeksTable(run: Run, schema = 'public'): Promise<void> {
  await run(`
    CREATE TABLE ${q(schema)}.intern_risk_weeks (
      cohort_id text NOT NULL,
      intern_id text NOT NULL,
      week int NOT NULL CHECK (week >= 1),
      level text NOT NULL,
      reasons text[] NOT NULL,
      PRIMARY KEY (cohort_id, intern_id, week)
    )`);
}

export async function dropProgressTables(run: Run, schema = 'public'): Promise<void> {
  const s = q(schema);
  await run(`DROP TABLE IF EXISTS ${s}.intern_progress`);
  await run(`DROP TABLE IF EXISTS ${s}.progress_facts`);
}
