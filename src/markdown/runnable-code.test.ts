import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { commandLines, rehypeRunnableCode } from './runnable-code';

describe('commandLines', () => {
  it('takes each non-blank line of a shell block as a command', () => {
    expect(commandLines('sh', 'docker pull alpine\n\ndocker images  \n')).toEqual(['docker pull alpine', 'docker images']);
  });

  it('joins backslash-continued lines as bash reads them', () => {
    expect(commandLines('bash', 'docker run \\\n  -it alpine sh\necho done')).toEqual(['docker run   -it alpine sh', 'echo done']);
  });

  it('takes only the $ lines of a console block, with their > continuations', () => {
    expect(commandLines('console', '$ docker run \\\n> alpine\nHello\n$ docker ps\nCONTAINER ID')).toEqual(['docker run alpine', 'docker ps']);
    expect(commandLines('console', 'only output')).toEqual([]);
  });
});

function shikiBlock(language: string, code: string): Element {
  return {
    type: 'element',
    tagName: 'pre',
    properties: { className: ['astro-code'], dataLanguage: language },
    children: [{ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: code }] }],
  };
}

describe('rehypeRunnableCode', () => {
  it('wraps shell blocks, nested ones too, with Run and Copy named after the command', () => {
    const nested = shikiBlock('sh', 'docker images\ndocker ps');
    const tree: Root = {
      type: 'root',
      children: [shikiBlock('dockerfile', 'FROM alpine'), { type: 'element', tagName: 'li', properties: {}, children: [nested] }],
    };
    rehypeRunnableCode()(tree);
    expect(tree.children[0]).toMatchObject({ tagName: 'pre' });
    const wrapper = (tree.children[1] as Element).children[0] as Element;
    expect(wrapper.properties).toMatchObject({ dataRunnable: '', dataCommand: 'docker images\ndocker ps' });
    const toolbar = wrapper.children[0] as Element;
    expect(toolbar.children.map((child) => (child as Element).properties.ariaLabel)).toEqual([
      'Run: docker images; docker ps',
      'Copy: docker images; docker ps',
      undefined,
    ]);
    expect(wrapper.children[1]).toBe(nested);
  });
});
