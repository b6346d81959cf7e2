// Just enough of a browser DOM to run the token view's browser code (webview-ui/main.ts) in plain Node: elements,
// text nodes, attributes, dataset, classList, getElementById and simple attribute selectors. No HTML parser: like
// the view itself, everything is built with createElement and textContent. The real browser runs it in the
// end-to-end tests; this lets unit tests (and the fuzz test) render thousands of views.

type Listener = (event: unknown) => void;

export class FakeText {
  parent: FakeElement | undefined;
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}

export type FakeNode = FakeElement | FakeText;

function dataAttr(prop: string): string {
  return `data-${prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export class FakeElement {
  readonly tagName: string;
  readonly attributes = new Map<string, string>();
  childNodes: FakeNode[] = [];
  parent: FakeElement | undefined;
  selected = false;
  private readonly listeners = new Map<string, Listener[]>();
  readonly dataset: Record<string, string | undefined>;
  readonly classList = {
    toggle: (name: string, force?: boolean): boolean => {
      const set = new Set(this.className.split(/\s+/).filter(Boolean));
      const on = force ?? !set.has(name);
      if (on) set.add(name);
      else set.delete(name);
      this.className = [...set].join(" ");
      return on;
    },
    contains: (name: string): boolean => this.className.split(/\s+/).includes(name),
  };

  constructor(tag: string) {
    this.tagName = tag.toUpperCase();
    this.dataset = new Proxy({}, {
      get: (_t, prop) => (typeof prop === "string" ? this.getAttribute(dataAttr(prop)) ?? undefined : undefined),
      set: (_t, prop, value) => {
        if (typeof prop === "string") this.setAttribute(dataAttr(prop), String(value));
        return true;
      },
    });
  }

  get className(): string {
    return this.attributes.get("class") ?? "";
  }
  set className(value: string) {
    this.attributes.set("class", value);
  }
  get id(): string {
    return this.attributes.get("id") ?? "";
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }

  get children(): FakeElement[] {
    return this.childNodes.filter((n): n is FakeElement => n instanceof FakeElement);
  }
  get childElementCount(): number {
    return this.children.length;
  }
  get lastElementChild(): FakeElement | null {
    const c = this.children;
    return c[c.length - 1] ?? null;
  }

  append(...nodes: (FakeNode | string)[]): void {
    for (const n of nodes) {
      const node = typeof n === "string" ? new FakeText(n) : n;
      if (!(node instanceof FakeElement) && !(node instanceof FakeText)) throw new TypeError("append: not a node");
      node.parent?.childNodes.splice(node.parent.childNodes.indexOf(node), 1);
      node.parent = this;
      this.childNodes.push(node);
    }
  }
  replaceChildren(...nodes: (FakeNode | string)[]): void {
    for (const n of this.childNodes) n.parent = undefined;
    this.childNodes = [];
    this.append(...nodes);
  }

  get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join("");
  }
  set textContent(value: string) {
    this.replaceChildren(new FakeText(String(value ?? "")));
  }

  /** For <select>: the selected option's value (or the first option's). */
  get value(): string {
    const options = this.descendants().filter((e) => e.tagName === "OPTION");
    return (options.find((o) => o.selected) ?? options[0])?.getAttribute("value") ?? "";
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string, event: unknown = {}): void {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
  click(): void {
    this.dispatch("click");
  }

  /** Every element below this one, depth first, without recursion (views may be deep). */
  descendants(): FakeElement[] {
    const out: FakeElement[] = [];
    const stack: FakeElement[] = [...this.children].reverse();
    while (stack.length) {
      const e = stack.pop() as FakeElement;
      out.push(e);
      for (let i = e.childNodes.length - 1; i >= 0; i--) {
        const c = e.childNodes[i];
        if (c instanceof FakeElement) stack.push(c);
      }
    }
    return out;
  }

  /** Selectors: `tag`, `#id`, `.class`, `[attr]`, `[attr=value]`, `[attr="value"]`, and descendants (`td.value code`). */
  querySelectorAll(selector: string): FakeElement[] {
    const steps = selector.trim().split(/\s+/);
    const last = steps.pop() as string;
    return this.descendants().filter((e) => {
      if (!e.matches(last)) return false;
      let at = e.parent;
      for (let i = steps.length - 1; i >= 0; i--) {
        while (at && at !== this && !at.matches(steps[i])) at = at.parent;
        if (!at || at === this) return false;
        at = at.parent;
      }
      return true;
    });
  }
  querySelector(selector: string): FakeElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  matches(selector: string): boolean {
    const re = /([a-z0-9]+)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:=(?:"([^"]*)"|([^\]]*)))?\]/gy;
    let m: RegExpExecArray | null;
    let end = 0;
    while ((m = re.exec(selector))) {
      end = re.lastIndex;
      const [, tag, id, cls, attr, quoted, bare] = m;
      if (tag && this.tagName !== tag.toUpperCase()) return false;
      if (id && this.id !== id) return false;
      if (cls && !this.classList.contains(cls)) return false;
      if (attr) {
        const v = this.getAttribute(attr);
        const want = quoted ?? bare;
        if (v === null || (want !== undefined && v !== want)) return false;
      }
    }
    if (end !== selector.length) throw new Error(`fakeDom: unsupported selector ${selector}`);
    return true;
  }
}

export interface FakeBrowser {
  readonly app: FakeElement;
  /** What the page posted to the extension host. */
  readonly posted: unknown[];
  /** Delivers a message from the host as the webview's message event does. */
  send(data: unknown): void;
  byId(id: string): FakeElement | null;
}

/**
 * Installs the globals webview-ui/main.ts uses (document, window, acquireVsCodeApi) and returns a handle on the page.
 * Import the view's code after this (a dynamic import). `initialState`: the text of the page's
 * `<script type="application/json" id="initial-state">` (src/webview/html.ts), if it has one.
 */
export function installFakeDom(initialState?: string): FakeBrowser {
  const root = new FakeElement("html");
  if (initialState !== undefined) {
    const data = new FakeElement("script");
    data.setAttribute("id", "initial-state");
    data.append(new FakeText(initialState));
    root.append(data);
  }
  const app = new FakeElement("main");
  app.setAttribute("id", "app");
  app.append(Object.assign(new FakeElement("p"), {}));
  app.children[0].textContent = "Loading token…";
  root.append(app);
  const windowListeners: Listener[] = [];
  const posted: unknown[] = [];
  const document = {
    createElement: (tag: string) => new FakeElement(tag),
    createElementNS: (_namespace: string, tag: string) => new FakeElement(tag),
    createTextNode: (text: string) => new FakeText(String(text)),
    getElementById: (id: string) => (root.querySelectorAll(`#${id}`)[0] ?? null),
    querySelectorAll: (selector: string) => root.querySelectorAll(selector),
  };
  const window = {
    addEventListener: (type: string, listener: Listener) => {
      if (type === "message") windowListeners.push(listener);
    },
    // The view's one-second tick: never scheduled here (tests call render, not time).
    setInterval: () => 1,
    clearInterval: () => undefined,
  };
  Object.assign(globalThis, { document, window, acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(m) }) });
  return {
    app,
    posted,
    send: (data: unknown) => windowListeners.forEach((l) => l({ data })),
    byId: (id: string) => document.getElementById(id),
  };
}
