import { describe, expect, it } from 'vitest';
import { htmlPieces, safeHref } from '../../generator/escape/html.js';

describe('HTML in spec text: the allowlist', () => {
  it('keeps allowlisted tags, balanced, and a break', () => {
    expect(htmlPieces('Scopes:<ul><li>a</li><li>b<br/>c</li></ul>')).toEqual([
      { kind: 'text', text: 'Scopes:' },
      { kind: 'open', name: 'ul' },
      { kind: 'open', name: 'li' },
      { kind: 'text', text: 'a' },
      { kind: 'close', name: 'li' },
      { kind: 'open', name: 'li' },
      { kind: 'text', text: 'b' },
      { kind: 'br' },
      { kind: 'text', text: 'c' },
      { kind: 'close', name: 'li' },
      { kind: 'close', name: 'ul' },
    ]);
    expect(htmlPieces('2 <SUP>128-prefix</SUP>')).toEqual([{ kind: 'text', text: '2 ' }, { kind: 'open', name: 'sup' }, { kind: 'text', text: '128-prefix' }, { kind: 'close', name: 'sup' }]);
  });

  it('shows any other tag as text, and drops an allowlisted one without its partner', () => {
    expect(htmlPieces("<script>alert('x')</script>")).toEqual([{ kind: 'text', text: "<script>alert('x')</script>" }]);
    expect(htmlPieces('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
    expect(htmlPieces('a <b>bold')).toEqual([{ kind: 'text', text: 'a bold' }]);
    expect(htmlPieces('x</i> y')).toEqual([{ kind: 'text', text: 'x y' }]);
    // Crossed tags: the inner one is dropped.
    expect(htmlPieces('<b><i>x</b></i>')).toEqual([{ kind: 'open', name: 'b' }, { kind: 'text', text: 'x' }, { kind: 'close', name: 'b' }]);
    expect(htmlPieces('1 < 2 and 3 > 2')).toEqual([{ kind: 'text', text: '1 < 2 and 3 > 2' }]);
  });

  it('drops every attribute but a safe href', () => {
    expect(htmlPieces('<p class="x" onclick="alert(1)">t</p>')).toEqual([{ kind: 'open', name: 'p' }, { kind: 'text', text: 't' }, { kind: 'close', name: 'p' }]);
    expect(htmlPieces('<a href="https://example.com/a?b=1&amp;c=2" onclick="x()">l</a>')).toEqual([
      { kind: 'open', name: 'a', href: 'https://example.com/a?b=1&c=2' },
      { kind: 'text', text: 'l' },
      { kind: 'close', name: 'a' },
    ]);
    // A link the allowlist refuses keeps its text only (no href).
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', ' data:text/html,x', '//evil.example', 'vbscript:x']) {
      expect(htmlPieces(`<a href="${bad}">l</a>`), bad).toEqual([{ kind: 'open', name: 'a' }, { kind: 'text', text: 'l' }, { kind: 'close', name: 'a' }]);
    }
    expect(htmlPieces('<a>l</a>')).toEqual([{ kind: 'open', name: 'a' }, { kind: 'text', text: 'l' }, { kind: 'close', name: 'a' }]);
  });

  it('takes http(s), mailto and relative hrefs', () => {
    expect(['http://a.example', 'https://a.example/x', 'mailto:a@b.example', '/docs/api/', '#filtering', '../x', '?q=1'].map(safeHref)).toEqual([
      'http://a.example',
      'https://a.example/x',
      'mailto:a@b.example',
      '/docs/api/',
      '#filtering',
      '../x',
      '?q=1',
    ]);
  });
});
