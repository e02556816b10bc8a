// Where an element's UI language comes from when it has no `lang` of its own.
import { normalizeLang, type Lang } from './config.js';

/** The nearest ancestor's `lang` (crossing shadow roots), not counting `<html>`: that one is the page default. */
export function ancestorLang(el: Element): Lang | undefined {
  const root = el.ownerDocument?.documentElement;
  let node: Node | null = parentOf(el);
  while (node && node !== root) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      const lang = normalizeLang(node.getAttribute('lang'));
      if (lang) return lang;
    }
    node = parentOf(node);
  }
  return undefined;
}

export function documentLang(el: Element): string | undefined {
  return el.ownerDocument?.documentElement?.getAttribute('lang') ?? undefined;
}

function parentOf(node: Node): Node | null {
  if (node.parentNode instanceof ShadowRoot) return node.parentNode.host;
  return node.parentNode;
}
