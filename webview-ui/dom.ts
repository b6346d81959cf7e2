// DOM helpers for the token view. Text goes in through textContent only: claims are attacker-influenced.

type Attrs = Record<string, string | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export function icon(name: string): HTMLElement {
  return el("span", { class: `codicon codicon-${name}`, "aria-hidden": "true" });
}

export function button(label: string, iconName: string, attrs: Attrs, onClick: () => void): HTMLButtonElement {
  const b = el("button", { type: "button", ...attrs }, icon(iconName), el("span", {}, label));
  b.addEventListener("click", onClick);
  return b;
}
