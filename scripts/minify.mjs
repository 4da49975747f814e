// Smaller text for the page, its JS and its CSS, for hosts that send files
// as they are. The JS goes through terser (names kept where wasm-bindgen's glue
// reads them: exports, properties and class names). The CSS loses only its
// comments and the white space nothing reads: every value, colour and
// custom property stays as written (the theme checks read them as written,
// which is why trunk's own `minify` is not used).
import fs from 'node:fs';

/** Minifies the JS module `file` in place. */
export async function minifyJs(file) {
  fs.writeFileSync(file, await js(fs.readFileSync(file, 'utf8'), { module: true }));
}

async function js(code, { module }) {
  const { minify } = await import('terser');
  const out = await minify(code, {
    module,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    keep_classnames: true,
    format: { comments: false },
  });
  if (typeof out.code !== 'string') throw new Error('minify: terser gave nothing');
  return out.code;
}

/**
 * The page without its comments, the white space between its tags, or the
 * link trunk leaves for the wasm it did not build; its inline scripts and
 * styles minified.
 */
export async function minifyPage(html) {
  let out = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<link data-trunk rel="rust"[^>]*>/g, '');
  const scripts = [...out.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  let page = '';
  let from = 0;
  for (const m of scripts) {
    const type = /\btype="([^"]*)"/.exec(m[1])?.[1] ?? 'text/javascript';
    const isJs = type === 'module' || type === 'text/javascript';
    const code = isJs && m[2].trim() ? await js(m[2], { module: type === 'module' }) : m[2];
    page += `${out.slice(from, m.index)}<script${m[1]}>${code}</script>`;
    from = m.index + m[0].length;
  }
  out = page + out.slice(from);
  return out.replace(/<style>([\s\S]*?)<\/style>/g, (_, css) => `<style>${minifyCss(css)}</style>`).replace(/>\s+</g, '><');
}

/**
 * `css` without comments, with each run of white space one space, and none
 * next to `{`, `}`, `;`, `,` or `>`, nor after a declaration's `:` (a
 * selector's, as in `a :hover`, keeps its space); no `;` before a `}`.
 * Quoted strings are kept whole.
 */
export function minifyCss(css) {
  let out = '';
  let i = 0;
  let space = false;
  const tight = '{};,>';
  const put = (text) => {
    if (space && out && !tight.includes(out[out.length - 1]) && !tight.includes(text[0])) out += ' ';
    space = false;
    out += text;
  };
  while (i < css.length) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) throw new Error('minify: a comment in the CSS does not end');
      i = end + 2;
      space = true;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      if (j >= css.length) throw new Error('minify: a string in the CSS does not end');
      put(css.slice(i, j + 1));
      i = j + 1;
    } else if (/\s/.test(c)) {
      space = true;
      i++;
    } else {
      if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
      put(c);
      i++;
      if (c === ':' && endsDeclaration(css, i)) {
        while (i < css.length && /\s/.test(css[i])) i++;
      }
    }
  }
  return out;
}

/** Whether what follows `from` ends as a declaration (`;` or `}`) rather than opening a block (`{`). */
function endsDeclaration(css, from) {
  for (let i = from; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < css.length && css[i] !== c) i += css[i] === '\\' ? 2 : 1;
    } else if (c === ';' || c === '}') {
      return true;
    } else if (c === '{') {
      return false;
    }
  }
  return true;
}
