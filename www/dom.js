// Small DOM helpers shared by the panels. Text from the document only ever becomes text
// nodes: nothing here parses HTML.

export const $ = (id) => document.getElementById(id);

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Text with `backticked` parts as <code> elements: built from text nodes, never parsed as HTML. */
export function inlineCode(text) {
  const fragment = document.createDocumentFragment();
  String(text).split(/`([^`]+)`/).forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) fragment.append(document.createTextNode(part));
    } else fragment.append(el('code', '', part));
  });
  return fragment;
}
