// One call at a time per model. A model's async methods await (embedding, loading the engine)
// before and while the engine works, so a second call could start in between and find the model
// half-changed, or free() could delete the engine object under a running call (an Embind
// BindingError, or worse from inside onProgress). Instead: a second call while one runs is refused
// with an Error naming both, and free() during a call is carried out when the call settles (the
// call then rejects, saying so).

const running = new WeakMap(); // model -> {what, freeRequested}

/**
 * Wraps the async methods `names` of `Class` so that each runs alone on its model; Errors call
 * them `${className}.${name}` (a class's own name does not survive minifiers). The model's free()
 * must call freeLater(this) first and return when it answers true.
 */
export function oneCallAtATime(Class, className, names) {
  for (const name of names) {
    const method = Class.prototype[name];
    const what = `${className}.${name}`;
    Class.prototype[name] = {
      async [name](...args) {
        const current = running.get(this);
        if (current) throw new Error(`${what}: the model is busy with ${current.what}; await it before starting another call`);
        const state = { what, freeRequested: false };
        running.set(this, state);
        try {
          const result = await method.apply(this, args);
          if (state.freeRequested) throw new Error(`${what}: free() was called while it ran; the model is freed`);
          return result;
        } finally {
          running.delete(this);
          if (state.freeRequested) this.free();
        }
      },
    }[name];
  }
}

/** True (and the model is freed when its call settles) when a call is running on it. */
export function freeLater(model) {
  const current = running.get(model);
  if (current) current.freeRequested = true;
  return Boolean(current);
}
