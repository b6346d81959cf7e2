// DOM helpers for the token view. Text goes in through textContent only: claims are attacker-influenced.
import { CODICONS, type IconName } from "./codicons";

export type { IconName } from "./codicons";

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

const SVG = "http://www.w3.org/2000/svg";

/**
 * A codicon as inline SVG (webview-ui/codicons.ts), in the text colour, 16 px or the font size (main.css). Not the
 * codicon font: VS Code shows a webview once its document has loaded, fonts included, so the font would hold back
 * every opening of the view. `spin`: turns, for "loading".
 */
export function icon(name: IconName, spin = false): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", `codicon codicon-${name}${spin ? " codicon-modifier-spin" : ""}`);
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("aria-hidden", "true");
  const outline = document.createElementNS(SVG, "path");
  outline.setAttribute("d", CODICONS[name]);
  svg.append(outline);
  return svg;
}

export function button(label: string, iconName: IconName, attrs: Attrs, onClick: () => void): HTMLButtonElement {
  const b = el("button", { type: "button", ...attrs }, icon(iconName), el("span", {}, label));
  b.addEventListener("click", onClick);
  return b;
}
