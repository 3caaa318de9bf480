#!/usr/bin/env node
// `npm start`: the whole system on this machine. Kafka (KRaft) and Postgres, the four services
// and the gateway, then a seeded demo cohort with mentors and interns. Prints the GraphQL URL
// and dev tokens, and keeps running until Ctrl-C (Kafka stays up: `npm run infra:down`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SignJWT } from 'jose';
import { ensureInfra, REPO } from './lib/infra.js';
import { localSecret } from './lib/local-secret.js';
import { startMailCatcher } from './lib/mail-catcher.js';
import { startSystem } from './lib/services.js';

// The apps run with NODE_ENV=development unless it is set: an unset NODE_ENV means production to
// them, where the development secret, the sandbox clock and GraphiQL are refused.
const NODE_ENV = process.env.NODE_ENV || 'development';
const DEVELOPMENT = NODE_ENV === 'development' || NODE_ENV === 'test';
if (!DEVELOPMENT && !process.env.AUTH_JWT_SECRET) {
  console.error(
    `npm start: NODE_ENV=${NODE_ENV} needs AUTH_JWT_SECRET (at least 32 random bytes, e.g. \`openssl rand -base64 48\`); ` +
      'unset NODE_ENV to run the development setup',
  );
  process.exit(2);
}
// Signed with AUTH_JWT_SECRET, else with this checkout's random secret (scripts/lib/local-secret.js),
// which the apps are given too: they never trust the development secret written in the source.
const SECRET = localSecret();

const token = (sub, roles, name) =>
  new SignJWT({ roles, name, email: `${sub}@example.com` })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(SECRET));

const env = await ensureInfra();
console.log('• building the apps (tsc)');
const build = spawnSync(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: REPO, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Email: through SMTP_URL when set; else, in development only, a local catcher that writes each
// mail the gateway sends as a .eml file into .data/mail (nothing is delivered anywhere).
let mail = process.env.SMTP_URL ? { where: `sent through SMTP_URL (${redactedUrl(process.env.SMTP_URL)})` } : { where: 'off (set SMTP_URL to send email)' };
if (!process.env.SMTP_URL && DEVELOPMENT) {
  try {
    const catcher = await startMailCatcher({ dir: path.join(REPO, '.data', 'mail') });
    mail = { catcher, env: { SMTP_URL: catcher.url }, where: `${catcher.dir}/*.eml (local catcher at ${catcher.url}; open a file with any mail client)` };
    console.log(`• mail catcher on ${catcher.url}: mails land in ${catcher.dir}`);
  } catch (err) {
    console.log(`• no local mail catcher (${err.message}); email stays off`);
  }
}

// The demo program manager's token: printed below, and in development the header editor's content
// when GraphiQL opens (GRAPHIQL_DEFAULT_HEADERS, which the gateway refuses outside development and test).
const pm = await token('pm-demo', ['PROGRAM_MANAGER'], 'Pat Program-Manager');
const graphiqlEnv = NODE_ENV === 'development' ? { GRAPHIQL_DEFAULT_HEADERS: JSON.stringify({ Authorization: `Bearer ${pm}` }) } : {};

const system = await startSystem({ env: { ...env, AUTH_JWT_SECRET: SECRET, NODE_ENV, ...graphiqlEnv, ...(mail.env ?? {}) } });
const shutdown = async () => {
  console.log('\nstopping the apps…');
  await system.stop();
  await mail.catcher?.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

function redactedUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'unparsable';
  }
}

async function gql(query, variables) {
  const res = await fetch(system.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${pm}` },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

function nextMonday(weeksAhead) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + (((8 - d.getUTCDay()) % 7) || 7) + 7 * weeksAhead);
  return d.toISOString().slice(0, 10);
}

const DEMO = 'Demo cohort';
const mentors = [
  { mentorId: 'mentor-ada', name: 'Ada Lovelace', team: 'Recommendations', expertise: ['recommender systems', 'ranking'], timezone: 'Europe/London' },
  { mentorId: 'mentor-grace', name: 'Grace Hopper', team: 'Platform', expertise: ['distributed systems', 'compilers'], timezone: 'America/New_York' },
  { mentorId: 'mentor-alan', name: 'Alan Turing', team: 'Research', expertise: ['nlp', 'machine learning'], timezone: 'Europe/London' },
  { mentorId: 'mentor-katherine', name: 'Katherine Johnson', team: 'Data', expertise: ['computer vision', 'statistics'], timezone: 'America/Chicago' },
];
const interns = [
  ['intern-amara', 'Amara Okafor', 'PHD', ['recommender systems'], 'Europe/Berlin'],
  ['intern-bo', 'Bo Chen', 'MASTERS', ['nlp', 'machine learning'], 'Asia/Singapore'],
  ['intern-carla', 'Carla Ruiz', 'UNDERGRADUATE', ['computer vision'], 'America/Mexico_City'],
  ['intern-dev', 'Dev Patel', 'MASTERS', ['distributed systems'], 'Asia/Kolkata'],
  ['intern-emma', 'Emma Novak', 'PHD', ['statistics', 'ranking'], 'Europe/Prague'],
  ['intern-farid', 'Farid Haddad', 'MASTERS', ['compilers'], 'Europe/Paris'],
];

const existing = await gql(`{ cohorts(first: 100) { edges { node { id name } } } }`);
let demo = existing.data?.cohorts.edges.map((e) => e.node).find((c) => c.name === DEMO);
if (!demo) {
  for (const m of mentors) {
    await gql(`mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`, {
      input: { ...m, email: `${m.mentorId}@example.com`, capacity: 2 },
    });
  }
  const scheduled = await gql(`mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id name } }`, {
    input: { name: DEMO, startDate: nextMonday(1), weeks: 12, timezone: 'Europe/Berlin', location: 'Berlin', workMode: 'HYBRID', capacity: 20 },
  });
  if (scheduled.errors) throw new Error(`seeding failed: ${JSON.stringify(scheduled.errors)}`);
  demo = scheduled.data.scheduleCohort;
  for (const [internId, name, degreeLevel, focusAreas, timezone] of interns) {
    const r = await gql(`mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`, {
      input: { cohortId: demo.id, internId, name, email: `${internId}@example.edu`, university: 'Open University', degreeLevel, focusAreas, timezone },
    });
    if (r.errors) throw new Error(`seeding failed: ${JSON.stringify(r.errors)}`);
  }
  console.log(`• seeded "${DEMO}" with ${interns.length} interns and ${mentors.length} mentors`);
} else {
  console.log(`• "${DEMO}" already seeded`);
}

console.log(`
Mentorflow is running.
  GraphQL (gateway):   ${system.url}${NODE_ENV === 'development' ? `   (GraphiQL: http://127.0.0.1:${system.ports.gateway}/graphiql, with this PM token)` : ''}
  Demo cohort id:      ${demo.id}
  Program manager:     Authorization: Bearer ${pm}
  Mentor (Ada):        Authorization: Bearer ${await token('mentor-ada', ['MENTOR'], 'Ada Lovelace')}
  Intern (Amara):      Authorization: Bearer ${await token('intern-amara', ['INTERN'], 'Amara Okafor')}
  More tokens:         npm run token -- --role MENTOR --sub mentor-grace
  Metrics:             http://127.0.0.1:${system.opsPorts.gateway}/metrics (each app: its port + 1000)
  Logs:                ${system.logDir}
  Mail:                ${mail.where}
Ctrl-C stops the apps; npm run infra:down stops Kafka.`);
