import { test } from "node:test";
import assert from "node:assert/strict";
import { Disposable, DisposableStore } from "../../src/core/disposable";

const recorder = () => {
  const order: string[] = [];
  return { order, item: (name: string) => ({ dispose: () => order.push(name) }) };
};

test("a store disposes what it holds newest first, survives a failing dispose and is reusable after clear()", () => {
  const { order, item } = recorder();
  const store = new DisposableStore();
  store.add(item("a"));
  store.add({ dispose: () => { throw new Error("broken"); } });
  store.add(item("c"));
  store.clear();
  assert.deepEqual(order, ["c", "a"]);
  store.add(item("d"));
  store.dispose();
  assert.deepEqual(order, ["c", "a", "d"]);
  store.add(item("late"));
  assert.deepEqual(order, ["c", "a", "d", "late"], "added after dispose: disposed at once");
});

test("a Disposable subclass registers once and disposes everything, once", () => {
  const { order, item } = recorder();
  class Owner extends Disposable {
    constructor() { super(); this.register(item("listener")); this.register(item("timer")); }
    get gone() { return this.isDisposed; }
  }
  const owner = new Owner();
  assert.equal(owner.gone, false);
  owner.dispose();
  owner.dispose();
  assert.deepEqual(order, ["timer", "listener"]);
  assert.equal(owner.gone, true);
});
