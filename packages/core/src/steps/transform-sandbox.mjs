// One process of the transform pool (transform-pool.ts): evaluates JSONata expressions, one at a time,
// under the heap limit it was started with. Plain JavaScript on purpose: it runs as it is whether the
// pool lives in the worker (tsx), in Vitest or in a Next server bundle, with no TypeScript loader, and
// resolves `jsonata` from @levqor/core's own dependencies.
import jsonata from 'jsonata';

if (!process.send) throw new Error('transform-sandbox.mjs runs as a child process of the transform pool');
const send = process.send.bind(process);

// Compiled expressions, by their text (a workflow's transforms run again and again). An expression
// object holds no state between evaluations. Bounded: the oldest entry goes first.
const compiled = new Map();
const COMPILED_MAX = 500;
function compile(expression) {
  let expr = compiled.get(expression);
  if (!expr) {
    expr = jsonata(expression);
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value);
    compiled.set(expression, expr);
  }
  return expr;
}

process.on('message', async (task) => {
  try {
    const value = await compile(task.expression).evaluate(task.scope);
    // Functions and undefined have no JSON form: they become null, like an empty result.
    const json = (value === undefined ? undefined : JSON.stringify(value)) ?? 'null';
    const bytes = Buffer.byteLength(json);
    if (bytes > task.maxOutputBytes) send({ id: task.id, error: { kind: 'output', bytes } });
    else send({ id: task.id, json });
  } catch (err) {
    const message = err && typeof err.message === 'string' ? err.message : String(err);
    send({ id: task.id, error: { kind: 'eval', message } });
  }
});
// The pool going away (its process exited) closes the channel: leave with it.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
